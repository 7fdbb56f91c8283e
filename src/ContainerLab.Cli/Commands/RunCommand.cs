using System.CommandLine;
using ContainerLab.Api.Client;
using ContainerLab.Cli.Terminal;

namespace ContainerLab.Cli.Commands;

/// <summary>
/// clabctl run [-i] [-t] [options] IMAGE [-- COMMAND...]: create a sandbox, attach, start it, stream its
/// output, return its exit code, and remove it unless --keep (like `docker run --rm`).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var sandbox = new SandboxOptions();
        var interactive = new Option<bool>("--interactive", "-i") { Description = "send stdin to the sandbox (with -t)" };
        var tty = new Option<bool>("--tty", "-t") { Description = "give the sandbox a terminal (raw mode in this one)" };
        var keep = new Option<bool>("--keep") { Description = "keep the sandbox after its command ends" };
        var image = new Argument<string>("image") { Description = "image, e.g. busybox or debian" };
        var command = new Argument<string[]>("command") { Description = "command and arguments (after --)", Arity = ArgumentArity.ZeroOrMore };
        var run = new Command("run", "Run a command in a new sandbox") { interactive, tty, keep, image, command };
        foreach (var option in sandbox.All)
            run.Options.Add(option);

        run.SetAction(async (parse, cancellationToken) =>
        {
            using var client = GlobalOptions.Client(parse);
            bool useTty = parse.GetValue(tty);
            var request = sandbox.ToRequest(parse, parse.GetValue(image)!, parse.GetValue(command) ?? [], useTty);
            var created = await client.CreateSandboxAsync(request, start: false, cancellationToken);
            try
            {
                // Attach before start, so not a byte of output is missed.
                await using var attachment = await client.AttachAsync(created.Id, "init", replay: true, ct: cancellationToken);
                return await AttachedProcess.StreamAsync(client, created.Id, "init", attachment, useTty, parse.GetValue(interactive),
                    () => client.StartSandboxAsync(created.Id, cancellationToken), cancellationToken);
            }
            finally
            {
                if (parse.GetValue(keep))
                    Console.Error.WriteLine($"clabctl: kept sandbox {created.Id} ({created.Name})");
                else
                    await client.RemoveSandboxAsync(created.Id, force: true, CancellationToken.None);
            }
        });
        return run;
    }
}
