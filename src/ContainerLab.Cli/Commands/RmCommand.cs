using System.CommandLine;
using ContainerLab.Api.Client;

namespace ContainerLab.Cli.Commands;

/// <summary>clabctl rm [-f] SANDBOX...: remove sandboxes (and everything they had on the host).</summary>
internal static class RmCommand
{
    public static Command Create()
    {
        var force = new Option<bool>("--force", "-f") { Description = "remove even when running (kills its processes)" };
        var sandboxes = new Argument<string[]>("sandbox") { Description = "sandbox ids or names", Arity = ArgumentArity.OneOrMore };
        var rm = new Command("rm", "Remove sandboxes") { force, sandboxes };
        rm.SetAction(async (parse, cancellationToken) =>
        {
            using var client = GlobalOptions.Client(parse);
            int failures = 0;
            foreach (string sandbox in parse.GetValue(sandboxes)!)
            {
                try
                {
                    await client.RemoveSandboxAsync(sandbox, parse.GetValue(force), cancellationToken);
                    Console.WriteLine(sandbox);
                }
                catch (ContainerLabApiException e)
                {
                    Console.Error.WriteLine($"clabctl: {sandbox}: {e.Detail}");
                    failures++;
                }
            }
            return failures == 0 ? 0 : 1;
        });
        return rm;
    }
}
