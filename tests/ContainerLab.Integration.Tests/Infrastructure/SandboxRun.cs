using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Integration.Tests.Infrastructure;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandResult(int? ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Running commands through the real API, collecting their output, for assertions.</summary>
public static class SandboxRun
{
    /// <summary>Creates a sandbox with <paramref name="request"/>, attaches before start, collects its output and removes it.</summary>
    public static async Task<CommandResult> RunAsync(this ContainerLabClient client, CreateSandboxRequest request, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var sandbox = await client.CreateSandboxAsync(request, start: false, cancel.Token);
        try
        {
            await using var attachment = await client.AttachAsync(sandbox.Id, "init", replay: true, ct: cancel.Token);
            await client.StartSandboxAsync(sandbox.Id, cancel.Token);
            return await CollectAsync(attachment, cancel.Token);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true, CancellationToken.None);
        }
    }

    public static Task<CommandResult> RunAsync(this ContainerLabClient client, string image, params string[] command) =>
        client.RunAsync(new CreateSandboxRequest { Image = image, Command = command });

    /// <summary>Runs <paramref name="command"/> in a running sandbox and collects its output.</summary>
    public static async Task<CommandResult> ExecAsync(this ContainerLabClient client, string sandbox, params string[] command)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var process = await client.ExecAsync(sandbox, new ExecRequest { Command = command }, cancel.Token);
        await using var attachment = await client.AttachAsync(sandbox, process.Id, replay: true, ct: cancel.Token);
        return await CollectAsync(attachment, cancel.Token);
    }

    /// <summary>Runs a shell snippet (sh -c) in a running sandbox.</summary>
    public static Task<CommandResult> ShAsync(this ContainerLabClient client, string sandbox, string script) =>
        client.ExecAsync(sandbox, "/bin/sh", "-c", script);

    /// <summary>The process's output in full (the API client's collector, unbounded here: tests assert on all of it).</summary>
    private static async Task<CommandResult> CollectAsync(ProcessAttachment attachment, CancellationToken cancellationToken)
    {
        var output = await attachment.CollectAsync(int.MaxValue, cancellationToken);
        return new CommandResult(output.ExitCode, output.Stdout, output.Stderr);
    }
}
