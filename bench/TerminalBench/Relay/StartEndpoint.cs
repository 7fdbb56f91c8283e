using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Bench.TerminalRelay;

/// <summary>
/// bench/start's baseline for Start -> prompt: POST /start creates a node the way the web's session start does (same
/// request to the same daemon: busybox sh on a pty, the default profile and limits, its own session network) and
/// answers its id; the page then opens /ws on it. No session, cookie, redirect, Blazor or SignalR.
/// </summary>
internal static class StartEndpoint
{
    public static async Task<IResult> HandleAsync(ContainerLabClient daemon, CancellationToken cancellationToken)
    {
        var sandbox = await daemon.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox",
            Profile = "default",
            Command = ["/bin/sh"],
            Tty = true,
            Name = "node1",
            Network = "session",
            Session = "bench-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)),
            WorkingDirectory = "/root",
            TerminalSize = new TerminalSizeDto(80, 24),
        }, start: true, cancellationToken);
        return Results.Text(sandbox.Id);
    }
}
