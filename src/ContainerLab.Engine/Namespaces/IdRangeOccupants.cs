using System.Globalization;
using ContainerLab.Engine.Processes;

namespace ContainerLab.Engine.Namespaces;

/// <summary>
/// The host processes that hold ids of a range: a sandbox's processes wherever they went. A process in a sandbox's
/// user namespace can only ever have ids of that namespace's range, so this finds them even after they left the
/// sandbox's cgroup (a task whose exit is stuck, e.g. an init waiting in zap_pid_ns_processes, is already out of it)
/// or were reparented to the host's init. An id range may be handed to the next sandbox only when this is empty, or
/// the new sandbox's root would share ids, and so files and signals, with what is left of the old one.
/// </summary>
public static class IdRangeOccupants
{
    /// <summary>One process holding ids of the range.</summary>
    public readonly record struct Occupant(int Pid, string Command, char State, uint Uid)
    {
        public bool IsZombie => State is 'Z' or 'X';
        public override string ToString() => $"pid {Pid} ({Command}, {State}, uid {Uid})";
    }

    /// <summary>Processes any of whose uids (real, effective, saved, filesystem) lie in the range, zombies included.</summary>
    public static IReadOnlyList<Occupant> Find(IdRange range)
    {
        var found = new List<Occupant>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && ProcStatus.Read(pid) is { } status && UidIn(status, range) is { } uid)
                found.Add(new Occupant(pid, status.Name, status.State, uid));
        }
        return found;
    }

    private static uint? UidIn(ProcStatus status, IdRange range) =>
        status.Uids.FirstOrDefault(u => u >= range.HostStart && u - range.HostStart < range.Count, -1) is var uid and >= 0 ? (uint)uid : null;

    /// <summary>
    /// SIGKILLs every live occupant and waits until none is left (zombies included: their parent must reap them,
    /// which for the daemon's own children is its orphan reaper or a pidfd waiter). The occupants still there when
    /// <paramref name="timeout"/> passes; empty when the range is free.
    /// </summary>
    public static async Task<IReadOnlyList<Occupant>> KillAndWaitAsync(IdRange range, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var occupants = Find(range);
            if (occupants.Count == 0 || DateTime.UtcNow >= deadline)
                return occupants;
            foreach (var occupant in occupants.Where(o => !o.IsZombie))
                KillIfStillInRange(occupant.Pid, range);
            await Task.Delay(delay).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(200).Ticks));
        }
    }

    /// <summary>By pidfd, after checking again that the pid still holds ids of the range, so a recycled pid is never hit.</summary>
    private static void KillIfStillInRange(int pid, IdRange range)
    {
        ProcessHandle handle;
        try { handle = ProcessHandle.Open(pid, claim: false); }
        catch (Errors.NotFoundException) { return; }
        using (handle)
        {
            if (ProcStatus.Read(pid) is { } status && UidIn(status, range) is not null)
                handle.Signal(Interop.Libc.SIGKILL);
        }
    }
}
