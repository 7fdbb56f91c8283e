namespace ContainerLab.Engine.Cgroups.V2;

/// <summary>
/// The v2 freezer: the core files cgroup.freeze and cgroup.events "frozen" (kernel 5.2+), no controller to
/// enable. Only used to kill all processes on kernels older than 5.14, which lack cgroup.kill.
/// </summary>
internal static class Freezer
{
    public const string Name = "freezer";

    /// <summary>Writes 1 and waits until cgroup.events says "frozen 1". Frozen v2 tasks still act on SIGKILL.</summary>
    public static bool Freeze(ICgroupKernel kernel, CgroupTree tree, string directory)
    {
        kernel.WriteFile(Path.Combine(directory, "cgroup.freeze"), "1");
        string events = Path.Combine(directory, "cgroup.events");
        return tree.WaitFor(() => CgroupFile.ReadKeyed(events).GetValueOrDefault("frozen", 1) == 1);
    }

    public static void Thaw(ICgroupKernel kernel, string directory) =>
        kernel.WriteFile(Path.Combine(directory, "cgroup.freeze"), "0");

    /// <summary>Whether the kernel has cgroup.freeze at all (5.2+); the root cgroup never has it.</summary>
    public static bool IsAvailable(string directory) => File.Exists(Path.Combine(directory, "cgroup.freeze"));
}
