namespace ContainerLab.Engine.Sandboxes;

public enum SandboxState
{
    /// <summary>Namespaces, cgroup and root filesystem exist; the first process waits to be started.</summary>
    Created,
    Running,
    /// <summary>The first process ended; the sandbox keeps its filesystem until removed.</summary>
    Exited,
}
