namespace ContainerLab.Engine.Processes;

/// <summary>
/// What the engine does with a process it started, wherever it runs: a host process held by pidfd
/// (<see cref="ProcessHandle"/>) or a process in a VM's guest, reached through the guest's agent
/// (<see cref="Vms.GuestProcess"/>).
/// </summary>
public interface IProcessControl : IDisposable
{
    /// <summary>Its pid where it runs: the host's for a container's process, the guest kernel's for a VM's.</summary>
    int Pid { get; }

    /// <summary>Completes when it has exited: its exit code (128+signal when killed), or null when that is unknown.</summary>
    Task<int?> Exited { get; }

    void Signal(int signal);
}
