using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Namespaces;
using ContainerLab.Engine.Snapshots;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReconcileWait = TimeSpan.FromSeconds(30);

    /// <summary>Cancelled when the engine is disposed: ends the background waits for a reserved id range to empty.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Stops the sandbox: SIGTERM to its first process, then after <paramref name="grace"/> SIGKILL to every process in its cgroup.</summary>
    public async Task<SandboxInfo> StopAsync(string idOrName, TimeSpan grace)
    {
        var sandbox = Find(idOrName);
        await sandbox.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (sandbox.Init is { Running: true } init)
            {
                if (grace > TimeSpan.Zero)
                {
                    // pid 1 of a pid namespace only receives signals it handles (a plain sh ignores SIGTERM).
                    init.Handle.Signal(Interop.Libc.SIGTERM);
                    await Task.WhenAny(init.Handle.Exited, Task.Delay(grace)).ConfigureAwait(false);
                }
                await KillAllAsync(sandbox).ConfigureAwait(false);
            }
            return Info(sandbox);
        }
        finally
        {
            sandbox.Lock.Release();
        }
    }

    /// <summary>Removes the sandbox and everything it had: processes, runtime state, network, mounts, cgroup, id range, directory.</summary>
    public async Task RemoveAsync(string idOrName, bool force)
    {
        var sandbox = Find(idOrName);
        await sandbox.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!force && sandbox.State == SandboxState.Running)
                throw new ConflictException($"sandbox '{sandbox.Name}' is running: stop it first or remove it with force");
            await RemoveCoreAsync(sandbox).ConfigureAwait(false);
        }
        finally
        {
            sandbox.Lock.Release();
        }
    }

    private async Task KillAllAsync(Sandbox sandbox)
    {
        // The cgroup holds every process of the sandbox, including ones that escaped the init's tree.
        Cgroups.Open(sandbox.CgroupPath).KillAll();
        if (sandbox.Init is { } init)
            await Task.WhenAny(init.Handle.Exited, Task.Delay(ExitWait)).ConfigureAwait(false);
    }

    /// <summary>Every step runs even when an earlier one failed; the failures are reported together at the end.</summary>
    private async Task RemoveCoreAsync(Sandbox sandbox)
    {
        sandbox.Removed = true;
        var errors = new List<Exception>();
        async Task Step(Func<Task> step)
        {
            try { await step().ConfigureAwait(false); }
            catch (Exception e) when (e is ContainerLabException or IOException or UnauthorizedAccessException) { errors.Add(e); }
        }

        await Step(() => KillAllAsync(sandbox)).ConfigureAwait(false);
        await Step(() => Runtime.DeleteAsync(sandbox.Id)).ConfigureAwait(false);
        List<SandboxProcess> processes;
        lock (sandbox.Processes)
        {
            processes = [.. sandbox.Processes.Values];
            sandbox.Processes.Clear();
        }
        foreach (var process in processes)
            await Step(() => process.DisposeAsync().AsTask()).ConfigureAwait(false);
        if (sandbox.Agent is { } agent)
            await Step(() => agent.DisposeAsync().AsTask()).ConfigureAwait(false);
        if (sandbox.Network is { } network)
        {
            await Step(() => Networks.DetachAsync(network.Session, sandbox.Id)).ConfigureAwait(false);
            await Step(() => RewriteSessionHostsFilesAsync(network.Session)).ConfigureAwait(false);
        }
        await Step(() => RemoveHostObjectsAsync(sandbox.Id, sandbox.Directory)).ConfigureAwait(false);
        // Even after a failed step: the sandbox is forgotten below, and a lease nobody can release would refuse
        // deleting its image forever. Its layers are then collected even if its overlay is still mounted.
        await Step(() => { sandbox.ImageLease?.Dispose(); return Task.CompletedTask; }).ConfigureAwait(false);
        await Step(() => ReleaseIdsAsync(sandbox)).ConfigureAwait(false);
        _sandboxes.TryRemove(sandbox.Id, out _);
        if (errors.Count > 0)
            throw new AggregateException($"removing sandbox {sandbox.Id} left errors", errors);
    }

    /// <summary>
    /// Hands the sandbox's id range back only once no process holds ids of it: not its init (which, as pid 1 of the
    /// sandbox's pid namespace, finishes exiting only after every process of that namespace was reaped), not a
    /// process reparented elsewhere. What outlives the wait keeps the range reserved until it is gone.
    /// </summary>
    private async Task ReleaseIdsAsync(Sandbox sandbox)
    {
        var left = await IdRangeOccupants.KillAndWaitAsync(sandbox.Ids, ExitWait).ConfigureAwait(false);
        if (left.Count == 0)
        {
            _idRanges.Release(sandbox.Ids);
            return;
        }
        _ = ReleaseWhenVacatedAsync(sandbox.Ids);
        throw new TeardownIncompleteException($"sandbox '{sandbox.Name}' was removed but {left.Count} of its processes did not exit " +
            $"({string.Join(", ", left.Take(5))}); its id range {sandbox.Ids} stays reserved until they are gone");
    }

    /// <summary>Until the engine stops: KillAndWaitAsync polls (at most every 200 ms) and kills again each round.</summary>
    private async Task ReleaseWhenVacatedAsync(IdRange range)
    {
        while (!_stopping.IsCancellationRequested)
        {
            if ((await IdRangeOccupants.KillAndWaitAsync(range, ExitWait).ConfigureAwait(false)).Count == 0)
            {
                _idRanges.Release(range);
                return;
            }
        }
    }

    /// <summary>What is left of a sandbox on the host, by id alone: used by remove and by reconciliation after a crash.</summary>
    private Task RemoveHostObjectsAsync(string id, string directory)
    {
        OverlaySnapshotter.Unmount(new SnapshotPaths(directory));
        Cgroups.Open($"{Options.CgroupParent.TrimEnd('/')}/{id}").Remove();
        if (Directory.Exists(directory))
        {
            // Never recurse into a directory that still has something mounted below it.
            if (MountTable.MountsUnder(directory).Count > 0)
                throw new ConflictException($"{directory} still has mounts; not deleting it");
            Directory.Delete(directory, recursive: true);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// At start-up: removes everything an earlier daemon left (after a crash or kill -9): sandbox directories
    /// and their mounts, loop devices backed by their disk images, runtime state, cgroups under our parent, session
    /// network namespaces. Only objects under
    /// this engine's own state directory and cgroup parent are touched.
    /// </summary>
    public async Task<ReconcileReport> ReconcileAsync()
    {
        int sandboxes = 0, runtimeStates = 0, cgroups = 0;
        var errors = new List<string>();
        // First end every process the earlier run left, so nothing below races a dying sandbox (a mount still busy,
        // a cgroup not yet empty): kill each leftover cgroup, then wait until no process holds ids of our ranges
        // (they were reparented to the host's init, which reaps them).
        foreach (string child in Cgroups.ListChildren(Options.CgroupParent).Where(c => !_sandboxes.ContainsKey(c)))
        {
            try { Cgroups.Open($"{Options.CgroupParent.TrimEnd('/')}/{child}").KillAll(); }
            catch (Exception e) when (e is ContainerLabException or IOException) { errors.Add(e.Message); }
        }
        if (_sandboxes.IsEmpty)
        {
            var left = await IdRangeOccupants.KillAndWaitAsync(AllIds, ReconcileWait).ConfigureAwait(false);
            if (left.Count > 0)
                errors.Add($"{left.Count} process(es) of an earlier run did not exit: {string.Join(", ", left.Take(5))}");
        }
        foreach (string id in Runtime.ListIds().Where(SandboxName.IsValid))
        {
            try { await Runtime.DeleteAsync(id).ConfigureAwait(false); runtimeStates++; }
            catch (ContainerLabException e) { errors.Add(e.Message); }
        }
        foreach (string directory in Directory.EnumerateDirectories(Options.SandboxesDirectory))
        {
            string id = Path.GetFileName(directory);
            if (_sandboxes.ContainsKey(id) || !SandboxName.IsValid(id))
                continue;
            try { await RemoveHostObjectsAsync(id, directory).ConfigureAwait(false); sandboxes++; }
            catch (Exception e) when (e is ContainerLabException or IOException) { errors.Add(e.Message); }
        }
        foreach (string child in Cgroups.ListChildren(Options.CgroupParent).Where(c => !_sandboxes.ContainsKey(c)))
        {
            try { Cgroups.Open($"{Options.CgroupParent.TrimEnd('/')}/{child}").Remove(); cgroups++; }
            catch (Exception e) when (e is ContainerLabException or IOException) { errors.Add(e.Message); }
        }
        // Loop devices of ours left without a mount (their mount was removed above) are detached; others' never seen.
        try { LoopDevice.DetachAllBackedBy(Options.StateDirectory); }
        catch (ContainerLabException e) { errors.Add(e.Message); }
        int networks = Networks.ExistingSessions().Count;
        Networks.RemoveAllLeftovers();
        return new ReconcileReport(sandboxes, runtimeStates, cgroups, networks, errors);
    }

    /// <summary>How many objects of this engine exist on the host right now (leak checks, `clabctl doctor`).</summary>
    public EngineFootprint MeasureFootprint() => new(
        SandboxDirectories: Directory.Exists(Options.SandboxesDirectory) ? Directory.EnumerateDirectories(Options.SandboxesDirectory).Count() : 0,
        Mounts: MountTable.MountsUnder(Options.SandboxesDirectory).Count + MountTable.MountsUnder(Options.NetworksDirectory).Count,
        Cgroups: Cgroups.ListChildren(Options.CgroupParent).Count,
        NetworkNamespaces: Networks.ExistingSessions().Count,
        RuntimeStates: Runtime.ListIds().Count,
        LoopDevices: LoopDevice.BackedBy(Options.StateDirectory).Count,
        Processes: IdRangeOccupants.Find(AllIds).Count);

    /// <summary>Every id this engine may hand out: all its ranges as one.</summary>
    private IdRange AllIds => new(_idRanges.BaseId, (uint)_idRanges.Slots * IdRange.DefaultCount);

    /// <summary>Graceful shutdown removes every sandbox; a restart would remove them anyway (see <see cref="ReconcileAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_changes is not null)
            await _changes.DisposeAsync().ConfigureAwait(false);
        foreach (var sandbox in _sandboxes.Values.ToList())
        {
            try { await RemoveCoreAsync(sandbox).ConfigureAwait(false); }
            catch (AggregateException) { } // best effort at shutdown; the next start reconciles
        }
        // The runtime made the parent cgroup on first use; with no sandbox left it is ours to remove.
        try
        {
            if (Cgroups.ListChildren(Options.CgroupParent).Count == 0)
                Cgroups.Open(Options.CgroupParent).Remove();
        }
        catch (ContainerLabException) { }
        _userNamespaces.Dispose();
        _diskTemplates.Dispose();
        await _reaper.DisposeAsync().ConfigureAwait(false);
        _createLock.Dispose();
        _stopping.Dispose(); // IsCancellationRequested stays readable for a wait still looping
    }
}

/// <summary>What <see cref="SandboxService.ReconcileAsync"/> found and removed.</summary>
public sealed record ReconcileReport(int Sandboxes, int RuntimeStates, int Cgroups, int Networks, IReadOnlyList<string> Errors);

/// <summary>Counts of this engine's objects on the host; all zero when no sandbox exists.</summary>
public sealed record EngineFootprint(int SandboxDirectories, int Mounts, int Cgroups, int NetworkNamespaces, int RuntimeStates, int LoopDevices, int Processes)
{
    public bool IsEmpty => SandboxDirectories == 0 && Mounts == 0 && Cgroups == 0 && NetworkNamespaces == 0 && RuntimeStates == 0 && LoopDevices == 0 && Processes == 0;
}
