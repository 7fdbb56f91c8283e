using System.Globalization;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Networking;
using ContainerLab.Engine.Terminals;
using ContainerLab.Engine.Vms;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>Exec in a VM node: through its guest's agent (Vms/GuestAgent), with the same process API as a container's.</summary>
public sealed partial class SandboxService
{
    /// <summary>How long an exec waits for a booting guest's agent: a boot takes seconds under TCG, less with KVM.</summary>
    private static readonly TimeSpan AgentWait = TimeSpan.FromSeconds(120);

    /// <summary>What a command in the guest starts with, the shell's own defaults (the guest has no login to set them).</summary>
    private static readonly Dictionary<string, string> GuestEnvironment = new(StringComparer.Ordinal)
    {
        ["PATH"] = "/sbin:/usr/sbin:/bin:/usr/bin",
        ["HOME"] = "/root",
    };

    /// <summary>The first process runs; for a VM node that is QEMU starting the machine, whose boot is timed from here.</summary>
    private void MarkStarted(Sandbox sandbox)
    {
        sandbox.StartedAt = DateTimeOffset.UtcNow;
        if (sandbox is { Agent: { } agent, Init: { } qemu })
            _ = BootTimeline.WatchAsync(qemu.Io, agent.Ready, sandbox.GuestAddressing, step => sandbox.BootSteps = [.. sandbox.BootSteps, step], _stopping.Token)
                .ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted); // removed or stopped meanwhile
    }

    private static async Task WaitForAgentAsync(Sandbox sandbox, GuestAgent agent, ExecSpec exec, CancellationToken cancellationToken)
    {
        if (exec.Tty)
            throw new ConflictException($"'{sandbox.Name}' is a VM node: its terminal is the guest's console (process init); a command through the guest's agent has none");
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(AgentWait);
        try
        {
            // Or until QEMU ends: then the sandbox is no longer running, which the caller reports.
            await Task.WhenAny(agent.Ready, sandbox.Init?.Handle.Exited ?? Task.FromResult<int?>(null)).WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConflictException(string.Create(CultureInfo.InvariantCulture,
                $"the agent of VM node '{sandbox.Name}' did not answer within {AgentWait.TotalSeconds:0} s: the guest is still booting, hung or ended; its console shows where"));
        }
    }

    /// <summary>
    /// Once the guest's agent answers: the guest takes the session's names, then the node's address on its NIC (GuestLink joined the NIC's tap to
    /// the node's veth) and the session's names. A guest that never answers keeps no address; its console says why.
    /// </summary>
    /// <returns>Whether the guest holds the address now.</returns>
    private async Task<bool> AddressGuestAsync(Sandbox sandbox)
    {
        bool addressed = false;
        try
        {
            var agent = sandbox.Agent!;
            await agent.Ready.ConfigureAwait(false);
            // The names first: once the guest shows its address, the session's names resolve in it too (a student, or a
            // test, who pings a neighbour by name as soon as the address is up must not meet "bad address").
            await PushHostsAsync(sandbox).ConfigureAwait(false);
            addressed = await agent.RunAsync(GuestLink.AddressCommand(sandbox.Network!.Address), ReadOnlyMemory<byte>.Empty, _stopping.Token).ConfigureAwait(false) == 0;
        }
        catch (Exception e) when (e is ContainerLabException or OperationCanceledException or IOException) { } // removed meanwhile
        return addressed;
    }

    /// <summary>The node's /etc/hosts (Networking's names of the session's members) into its guest.</summary>
    private async Task PushHostsAsync(Sandbox sandbox)
    {
        if (sandbox.Agent is not { Ready.IsCompletedSuccessfully: true } agent)
            return; // not booted yet: AddressGuestAsync pushes them once it is
        byte[] hosts = await File.ReadAllBytesAsync(sandbox.HostsFile).ConfigureAwait(false);
        await agent.RunAsync(GuestLink.HostsCommand, hosts, _stopping.Token).ConfigureAwait(false);
    }

    private async Task<SandboxProcess> StartInGuestAsync(GuestAgent agent, string processId, ExecSpec exec, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(GuestEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in exec.Environment)
            environment[name] = value;
        var guest = await agent.StartAsync(exec.Command, exec.WorkingDirectory ?? "/root",
            environment.Select(e => $"{e.Key}={e.Value}"), exec.Stdin, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = guest.TakeReadEnds();
        var io = ProcessIo.ForPipes(stdout, stderr, Options.ScrollbackBytes, [stdout, stderr]);
        return new SandboxProcess(processId, exec.Command, tty: false, guest, io);
    }
}
