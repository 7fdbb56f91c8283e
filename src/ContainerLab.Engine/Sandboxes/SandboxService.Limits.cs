using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    /// <summary>
    /// Changes the memory, pids and CPU limits of a running sandbox through the runtime's `update`, within the
    /// server's bounds. Lowering memory below what the sandbox uses makes the kernel reclaim or OOM-kill inside the
    /// sandbox's own memory cgroup: the sandbox's processes pay, never the host.
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
            SandboxSpecValidator.ValidateLimits(limits, Options.Bounds);
            await Runtime.UpdateAsync(sandbox.Id, update.MemoryBytes, update.Pids, update.Cpus, cancellationToken).ConfigureAwait(false);
            sandbox.CurrentLimits = limits;
            return Info(sandbox);
        }
        finally
        {
            sandbox.Lock.Release();
        }
    }
}
