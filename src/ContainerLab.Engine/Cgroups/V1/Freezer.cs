namespace ContainerLab.Engine.Cgroups.V1;

/// <summary>
/// The v1 freezer (Documentation/admin-guide/cgroup-v1/freezer-subsystem.rst). Freezing before SIGKILL stops
/// the processes from forking new ones between reading cgroup.procs and the kill.
/// </summary>
internal static class Freezer
{
    public const string Name = "freezer";

    /// <summary>
    /// Writes FROZEN and waits until freezer.state says FROZEN rather than FREEZING. A task in uninterruptible
    /// sleep can hold FREEZING; then we go on and kill anyway: SIGKILL is delivered when the cgroup is thawed.
    /// </summary>
    public static bool Freeze(ICgroupKernel kernel, CgroupTree tree, string directory)
    {
        string state = Path.Combine(directory, "freezer.state");
        kernel.WriteFile(state, "FROZEN");
        return tree.WaitFor(() => CgroupFile.ReadOrNull(state)?.Trim() is "FROZEN" or null);
    }

    public static void Thaw(ICgroupKernel kernel, string directory) =>
        kernel.WriteFile(Path.Combine(directory, "freezer.state"), "THAWED");
}
