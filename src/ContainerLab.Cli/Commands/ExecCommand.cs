using System.CommandLine;
using ContainerLab.Api.Contracts;
using ContainerLab.Cli.Terminal;

namespace ContainerLab.Cli.Commands;

/// <summary>clabctl exec [-i] [-t] SANDBOX -- COMMAND...: run another process in a running sandbox.</summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var interactive = new Option<bool>("--interactive", "-i") { Description = "send stdin to the process (with -t)" };
        var tty = new Option<bool>("--tty", "-t") { Description = "give the process a terminal" };
        var workdir = new Option<string?>("--workdir", "-w") { Description = "working directory inside the sandbox" };
        var env = new Option<string[]>("--env", "-e") { Description = "environment variable KEY=VALUE (repeatable)" };
        var sandbox = new Argument<string>("sandbox") { Description = "sandbox id or name" };
        var command = new Argument<string[]>("command") { Description = "command and arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var exec = new Command("exec", "Run a command in a running sandbox") { interactive, tty, workdir, env, sandbox, command };
        exec.SetAction(async (parse, cancellationToken) =>
        {
            using var client = GlobalOptions.Client(parse);
            bool useTty = parse.GetValue(tty);
            string target = parse.GetValue(sandbox)!;
            var process = await client.ExecAsync(target, new ExecRequest
            {
                Command = parse.GetValue(command)!,
                Tty = useTty,
                WorkingDirectory = parse.GetValue(workdir),
                Environment = SandboxOptions.ParseEnvironment(parse.GetValue(env)),
                TerminalSize = useTty ? RawTerminal.Size() : null,
            }, cancellationToken);
            await using var attachment = await client.AttachAsync(target, process.Id, replay: true, ct: cancellationToken);
            return await AttachedProcess.StreamAsync(client, target, process.Id, attachment, useTty, parse.GetValue(interactive), null, cancellationToken);
        });
        return exec;
    }
}
