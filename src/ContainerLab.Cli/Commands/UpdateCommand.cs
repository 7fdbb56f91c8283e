using System.CommandLine;
using System.Globalization;
using ContainerLab.Api.Contracts;
using ContainerLab.Api.Units;

namespace ContainerLab.Cli.Commands;

/// <summary>clabctl update [--memory 64m] [--pids N] [--cpus X] SANDBOX: change a running sandbox's limits live.</summary>
internal static class UpdateCommand
{
    public static Command Create()
    {
        var memory = new Option<string?>("--memory", "-m") { Description = "new memory limit, no swap (e.g. 64m); below current use the kernel reclaims or OOM-kills inside" };
        var pids = new Option<int?>("--pids") { Description = "new maximum number of processes" };
        var cpus = new Option<double?>("--cpus") { Description = "new CPU bandwidth in cores (e.g. 0.5)" };
        var sandbox = new Argument<string>("sandbox") { Description = "sandbox id or name" };
        var update = new Command("update", "Change the memory, pids and CPU limits of a running sandbox") { memory, pids, cpus, sandbox };
        update.SetAction(async (parse, cancellationToken) =>
        {
            var request = new UpdateLimitsRequest
            {
                Memory = SandboxOptions.Checked(parse.GetValue(memory), "--memory"),
                Pids = parse.GetValue(pids),
                Cpus = parse.GetValue(cpus),
            };
            if (request is { Memory: null, Pids: null, Cpus: null })
            {
                Console.Error.WriteLine("clabctl: update: give at least one of --memory, --pids, --cpus");
                return 2;
            }
            using var client = GlobalOptions.Client(parse);
            var info = await client.UpdateLimitsAsync(parse.GetValue(sandbox)!, request, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{info.Name}: memory {Size.FormatShort(info.Limits.MemoryBytes ?? 0)}, pids {info.Limits.Pids}, cpus {info.Limits.Cpus}"));
            return 0;
        });
        return update;
    }
}
