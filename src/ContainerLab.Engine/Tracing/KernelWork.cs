namespace ContainerLab.Engine.Tracing;

/// <summary>
/// Kernel work the engine did itself, without the runtime, and how long it took: mounting a sandbox's root
/// filesystem, reading its cgroup's limits back.
/// </summary>
/// <param name="Description">What was done, with the kernel's own names and values ("memory.max = 50331648, ...").</param>
public sealed record KernelWork(string Description, TimeSpan Elapsed);
