using System.Diagnostics;
using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Tracing;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    /// <summary>
    /// Changes the memory, pids and CPU limits of a running sandbox through the runtime's `update`, within the
    /// server's floor and per-node ceiling, and with the session's other sandboxes within the per-session ceiling.
    /// Lowering memory below what the sandbox uses makes the kernel reclaim or OOM-kill inside the sandbox's own
    /// memory cgroup: the sandbox's processes pay, never the host.
    /// </summary>
    /// <param name="trace">When given: the runtime's `update`, then the limits read back from the cgroup files (timed), and a
    /// warning when the kernel holds other values than those asked.</param>
    public async Task<SandboxInfo> UpdateLimitsAsync(string idOrName, LimitUpdate update, OperationTrace? trace = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.IsEmpty)
            throw new InvalidRequestException("give at least one of memory, pids or cpus to change");
        var sandbox = Find(idOrName);
        await sandbox.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sandbox.State != SandboxState.Running)
                throw new ConflictException($"sandbox '{sandbox.Name}' is {sandbox.State.ToString().ToLowerInvariant()}, not running");
            var limits = update.ApplyTo(sandbox.CurrentLimits);
            Options.Bounds.RequireWithinNode(limits);
            // The session's total is checked and changed under the lock creation holds, so two changes at once
            // cannot each pass against the old total.
            await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                RequireWithinSessionCeiling(sandbox.Spec.Session, limits, except: sandbox);
                var run = await Runtime.UpdateAsync(sandbox.Id, OciSpecBuilder.LiveResources(limits), sandbox.LimitsFile, cancellationToken)
                    .ConfigureAwait(false);
                trace?.Add(run);
                sandbox.CurrentLimits = limits;
            }
            finally
            {
                _createLock.Release();
            }
            if (trace is not null)
                ReadLimitsBack(sandbox, limits, trace);
            return Info(sandbox);
        }
        finally
        {
            sandbox.Lock.Release();
        }
    }

    /// <summary>
    /// What the kernel holds after the runtime's `update`, read from the sandbox's cgroup files (still under the
    /// sandbox's lock, so no other change is in between). The runtime said it succeeded, so a difference or an unreadable
    /// file is a warning, not a failure: the sandbox runs with whatever the kernel holds.
    /// </summary>
    private void ReadLimitsBack(Sandbox sandbox, SandboxLimits asked, OperationTrace trace)
    {
        long started = Stopwatch.GetTimestamp();
        CgroupLimits held;
        try
        {
            held = Cgroups.Open(sandbox.CgroupPath).ReadLimits();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            trace.Warn($"sandbox '{sandbox.Name}': could not read its limits back from cgroup {sandbox.CgroupPath}: {e.Message}");
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        trace.Add(new KernelWork(held.ToString(), elapsed));
        var differences = LimitReadBack.Differences(asked, held, Environment.SystemPageSize);
        if (differences.Count > 0)
            trace.Warn($"sandbox '{sandbox.Name}': after {Runtime.Name} update the kernel holds other limits than asked " +
                $"({string.Join("; ", differences)}) in cgroup {sandbox.CgroupPath}: {held}");
    }

    /// <summary>
    /// <paramref name="limits"/> plus those of the session's other sandboxes (all but <paramref name="except"/>) within
    /// the per-session ceiling. The caller holds <c>_createLock</c>. Exited sandboxes count no more: their cgroup is empty.
    /// </summary>
    private void RequireWithinSessionCeiling(string? session, SandboxLimits limits, Sandbox? except) =>
        Options.Bounds.RequireWithinSession(limits, session, session is null ? [] :
            _sandboxes.Values
                .Where(s => s != except && !s.Removed && s.State != SandboxState.Exited && s.Spec.Session == session)
                .Select(s => s.CurrentLimits));
}
