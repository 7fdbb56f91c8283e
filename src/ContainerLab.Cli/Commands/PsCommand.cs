using System.CommandLine;
using System.Globalization;
using ContainerLab.Api.Units;
using ContainerLab.Cli.Formatting;

namespace ContainerLab.Cli.Commands;

/// <summary>clabctl ps: the sandboxes of this daemon.</summary>
internal static class PsCommand
{
    public static Command Create()
    {
        var ps = new Command("ps", "List sandboxes");
        ps.SetAction(async (parse, cancellationToken) =>
        {
            using var client = GlobalOptions.Client(parse);
            var sandboxes = await client.ListSandboxesAsync(cancellationToken);
            Table.Write(Console.Out, ["ID", "NAME", "KIND", "IMAGE", "STATE", "PID", "HOST IDS", "MEMORY", "PIDS", "ADDRESS", "CREATED"],
                sandboxes.Select(s => (IReadOnlyList<string>)
                [
                    s.Id, s.Name, s.Kind, s.Image,
                    s.State + (s.ExitCode is int code ? $" ({code})" : ""),
                    s.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    s.IdRange,
                    Size.FormatShort(s.Limits.MemoryBytes ?? 0),
                    s.Limits.Pids?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    s.Address ?? "-",
                    s.CreatedAt.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                ]));
            return 0;
        });
        return ps;
    }
}
