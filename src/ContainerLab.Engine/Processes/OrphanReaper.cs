using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Processes;

/// <summary>
/// Reaps the daemon's children that nobody else waits for. As a child subreaper (PR_SET_CHILD_SUBREAPER) the daemon
/// inherits every process the OCI runtime leaves behind, wanted or not: `crun run --detach` leaves its forked
/// intermediate, and a runtime exec that fails after joining a sandbox's pid namespace leaves a child there. Until its
/// parent reaps it a zombie keeps its pid (a daemon that runs for a term would exhaust pid_max) and, inside a pid
/// namespace, keeps that namespace's init from finishing its exit: zap_pid_ns_processes waits until every task of the
/// namespace has been reaped, so the sandbox would show "running" forever.
/// Children whose exit status someone collects are claimed (<see cref="Claim"/>): System.Diagnostics.Process reaps the
/// host commands it started and fails fast if another waiter took one, and <see cref="ProcessHandle"/> collects a
/// sandbox process's status by pidfd. The rest are reaped once they have been seen as unclaimed zombies for at least
/// <see cref="MinimumAge"/>, which leaves a claim made right after the fork time to arrive.
/// </summary>
public sealed class OrphanReaper : IAsyncDisposable
{
    /// <summary>How long a zombie must have been seen unclaimed before it is reaped.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly ConcurrentDictionary<int, byte> s_claims = new();

    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<ZombieKey, DateTime> _sightings = [];
    private readonly Task _loop;
    private long _reaped;

    private OrphanReaper() => _loop = Task.Run(LoopAsync);

    /// <summary>Makes this process a child subreaper and starts reaping what it inherits. Dispose stops the reaping.</summary>
    public static OrphanReaper Start()
    {
        ProcessHandle.BecomeChildSubreaper();
        return new OrphanReaper();
    }

    /// <summary>Children reaped so far because nobody else would have.</summary>
    public long Reaped => Interlocked.Read(ref _reaped);

    /// <summary>Someone else collects <paramref name="pid"/>'s exit status: never reap it here.</summary>
    public static void Claim(int pid) => s_claims[pid] = 0;

    public static void Unclaim(int pid) => s_claims.TryRemove(pid, out _);

    /// <summary>One identity of a zombie: a pid with its start time, so a recycled pid is a new zombie.</summary>
    public readonly record struct ZombieKey(int Pid, ulong StartTime);

    /// <summary>
    /// The pure decision: which of <paramref name="zombies"/> to reap now. Remembers first sightings in
    /// <paramref name="sightings"/> (forgetting zombies that are gone or claimed) and picks those first seen at least
    /// <paramref name="minimumAge"/> before <paramref name="now"/> and still unclaimed.
    /// </summary>
    public static IReadOnlyList<ZombieKey> Due(IReadOnlyCollection<ZombieKey> zombies, Func<int, bool> claimed,
        Dictionary<ZombieKey, DateTime> sightings, DateTime now, TimeSpan minimumAge)
    {
        var due = new List<ZombieKey>();
        var current = zombies.Where(z => !claimed(z.Pid)).ToHashSet();
        foreach (var gone in sightings.Keys.Where(k => !current.Contains(k)).ToList())
            sightings.Remove(gone);
        foreach (var zombie in current)
        {
            if (!sightings.TryGetValue(zombie, out var first))
                sightings[zombie] = now;
            else if (now - first >= minimumAge)
                due.Add(zombie);
        }
        return due;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try { ReapOnce(); }
                catch (Exception e) when (e is ContainerLabException or IOException or UnauthorizedAccessException) { } // the next tick tries again
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>One pass: list zombie children, reap those that are due.</summary>
    private void ReapOnce()
    {
        foreach (var zombie in Due(ZombieChildren(), s_claims.ContainsKey, _sightings, DateTime.UtcNow, MinimumAge))
        {
            _sightings.Remove(zombie);
            // P_PID, not a pidfd: a zombie's pid cannot be recycled until it is reaped, and only its parent (us) can.
            int result = Interop.Libc.Waitid(Interop.Libc.P_PID, zombie.Pid, out _, Interop.Libc.WEXITED | Interop.Libc.WNOHANG);
            // ECHILD: someone reaped it meanwhile; EINTR: a signal came, the next sweep tries again.
            if (Interop.Answer(result, "waitid(P_PID)", $"pid {zombie.Pid}", Interop.ECHILD, Interop.EINTR) == 0)
                Interlocked.Increment(ref _reaped);
        }
    }

    /// <summary>
    /// Zombie children of this process. An orphan is reparented to one of the subreaper's threads (the kernel picks a
    /// live one), so the children of every thread are read.
    /// </summary>
    private static List<ZombieKey> ZombieChildren()
    {
        var zombies = new List<ZombieKey>();
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string children;
            try { children = File.ReadAllText(Path.Combine(task, "children")); }
            catch (IOException) { continue; } // the thread ended meanwhile
            foreach (string field in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && ProcStat.Read(pid) is { IsZombie: true } stat)
                    zombies.Add(new ZombieKey(pid, stat.StartTime));
            }
        }
        return zombies;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
