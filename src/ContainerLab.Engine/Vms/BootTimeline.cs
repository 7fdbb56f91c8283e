using System.Diagnostics;
using System.Text;
using ContainerLab.Engine.Sandboxes;
using ContainerLab.Engine.Terminals;

namespace ContainerLab.Engine.Vms;

/// <summary>
/// A VM node's boot, measured live on the host's clock from its console and its agent, as more start-up steps after the
/// container's: QEMU started the machine and the first byte reached the console; the guest kernel initialised and ran
/// /init (the init's "clab-boot: init" line); the init loaded modules and started a shell ("clab-boot: shell"); the
/// guest's agent answered. What a container does not have to do, in the same panel as what it does.
/// </summary>
internal static class BootTimeline
{
    public const string FirstByte = "QEMU started the machine; first byte on the guest's console";
    public const string KernelRanInit = "guest kernel initialised itself and ran /init";
    public const string ShellReady = "guest init: modules, hostname, a shell on the console";
    public const string AgentReady = "guest agent answered (exec works)";
    public const string Addressed = "guest took the node's address on its NIC";

    private const string InitMarker = "clab-boot: init", ShellMarker = "clab-boot: shell";

    /// <summary>Watches from QEMU's start (call it then) until the agent answered, the console ended or <paramref name="cancellationToken"/>.</summary>
    /// <param name="addressed">On a session network: completes once the guest holds the node's address (true) or could not take it.</param>
    public static async Task WatchAsync(ProcessIo console, Task agentReady, Task<bool>? addressed, Action<StartupStep> add, CancellationToken cancellationToken)
    {
        long last = Stopwatch.GetTimestamp();
        void Mark(string name)
        {
            long now = Stopwatch.GetTimestamp();
            add(new StartupStep(name, Stopwatch.GetElapsedTime(last, now).TotalMilliseconds));
            last = now;
        }
        var tail = new StringBuilder(); // the end of what came so far: a marker may span two chunks
        bool first = true, init = false;
        await foreach (var chunk in console.ReadAsync(replay: false, cancellationToken).ConfigureAwait(false))
        {
            if (first)
            {
                first = false;
                Mark(FirstByte);
            }
            tail.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            string text = tail.ToString();
            if (!init && text.IndexOf(InitMarker, StringComparison.Ordinal) is var at and >= 0)
            {
                init = true;
                Mark(KernelRanInit);
                text = text[(at + InitMarker.Length)..];
                tail.Clear().Append(text);
            }
            if (init && text.Contains(ShellMarker, StringComparison.Ordinal))
            {
                Mark(ShellReady);
                break;
            }
            // Keep only what a marker split across chunks needs: a console that floods must not grow this.
            if (tail.Length > 64)
                tail.Remove(0, tail.Length - 64);
        }
        if (!init)
            return;
        await agentReady.WaitAsync(cancellationToken).ConfigureAwait(false);
        Mark(AgentReady);
        if (addressed is not null && await addressed.WaitAsync(cancellationToken).ConfigureAwait(false))
            Mark(Addressed);
    }
}
