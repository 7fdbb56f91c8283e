using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Processes;

/// <summary>
/// A host process held by pidfd, so signals and exit notification cannot hit a recycled pid.
/// Sandbox processes are started by the OCI runtime, which exits; because the daemon is a child
/// subreaper (PR_SET_CHILD_SUBREAPER) they are reparented to it, so it can reap them and read their
/// exit status. A process adopted after a daemon restart is not our child: its exit is still seen,
/// its status is not (ExitCode null).
/// </summary>
public sealed class ProcessHandle : IProcessControl
{
    private readonly SafeFileHandle _pidfd;
    private readonly Lazy<Task<int?>> _exit;

    private readonly bool _claimed;

    private ProcessHandle(int pid, SafeFileHandle pidfd, FdPoller poller, bool claimed)
    {
        Pid = pid;
        _pidfd = pidfd;
        _claimed = claimed;
        _exit = new Lazy<Task<int?>>(() => WaitAsync(poller));
    }

    public int Pid { get; }

    /// <summary>
    /// Opens a pidfd for <paramref name="pid"/>; throws NotFoundException when it is already gone. With
    /// <paramref name="claim"/> its exit status is this handle's to collect (<see cref="Exited"/>), so the
    /// <see cref="OrphanReaper"/> leaves it alone; without, the handle only signals.
    /// </summary>
    public static ProcessHandle Open(int pid, FdPoller? poller = null, bool claim = true)
    {
        int fd = Interop.Libc.PidfdOpen(pid, 0);
        if (Interop.Answer(fd, "pidfd_open", $"pid {pid}", Interop.ESRCH) == Interop.ESRCH)
            throw new NotFoundException("process", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (claim)
            OrphanReaper.Claim(pid);
        return new ProcessHandle(pid, new SafeFileHandle(fd, ownsHandle: true), poller ?? FdPoller.Shared, claim);
    }

    /// <summary>Marks this process as the parent of orphans it would otherwise lose to init (once per daemon).</summary>
    public static void BecomeChildSubreaper() =>
        Interop.Check(() => Interop.Libc.Prctl(Interop.Libc.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl(PR_SET_CHILD_SUBREAPER)");

    /// <summary>Completes when the process has exited: its exit code (128+signal when killed), or null when it was not our child.</summary>
    public Task<int?> Exited => _exit.Value;

    public bool HasExited => _exit.IsValueCreated ? _exit.Value.IsCompleted : Poll();

    public void Signal(int signal)
    {
        // ESRCH: already exited, nothing to signal.
        Interop.Answer(Interop.Libc.PidfdSendSignal((int)_pidfd.DangerousGetHandle(), signal, 0, 0), "pidfd_send_signal", $"pid {Pid}", Interop.ESRCH);
    }

    /// <summary>A pidfd reports POLLIN once the process has exited; waitid with WNOHANG would reap it, so look at /proc instead.</summary>
    private bool Poll() => ProcStat.Read(Pid) is not { IsZombie: false };

    private async Task<int?> WaitAsync(FdPoller poller)
    {
        await poller.WaitReadableAsync(_pidfd).ConfigureAwait(false);
        try { return Reap(); }
        finally
        {
            if (_claimed)
                OrphanReaper.Unclaim(Pid);
        }
    }

    private int? Reap()
    {
        int result = Interop.Libc.Waitid(Interop.Libc.P_PIDFD, (int)_pidfd.DangerousGetHandle(), out var info,
            Interop.Libc.WEXITED | Interop.Libc.WNOHANG);
        if (Interop.Answer(result, "waitid(P_PIDFD)", $"pid {Pid}", Interop.ECHILD) == Interop.ECHILD)
            return null; // not our child (adopted after a restart): exited, status unknown
        return info.Code == Interop.Libc.CLD_EXITED ? info.Status : 128 + info.Status;
    }

    /// <summary>Closes the pidfd; a process nobody waited for is left to the <see cref="OrphanReaper"/>.</summary>
    public void Dispose()
    {
        if (_claimed && (!_exit.IsValueCreated || !_exit.Value.IsCompleted))
            OrphanReaper.Unclaim(Pid);
        _pidfd.Dispose();
    }
}
