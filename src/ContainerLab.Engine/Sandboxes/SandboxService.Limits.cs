using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Runtime.Oci;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    /// <summary>
    /// Changes the memory, pids and CPU limits of a running sandbox through the runtime's `update`, within the
    /// server's floor and per-node ceiling, and with the session's other sandboxes within the per-session ceiling.
    /// Lowering memory below what the sandbox uses makes the kernel reclaim or OOM-kill inside the sandbox's own
    /// memory cgroup: the sandbox's processes pay, never the host.
    /// </summary>
    public async Task<SandboxInfo> UpdateLimitsAsync(string idOrName, LimitUpdate update, CancellationToken cancellationToken = default)
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
                await Runtime.UpdateAsync(sandbox.Id, OciSpecBuilder.LiveResources(limits), sandbox.LimitsFile, cancellationToken).ConfigureAwait(false);
                sandbox.CurrentLimits = limits;
            }
            finally
            {
                _createLock.Release();
            }
            return Info(sandbox);
        }
        finally
        {
            sandbox.Lock.Release();
        }
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
