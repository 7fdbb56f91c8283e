namespace ContainerLab.Engine.Cgroups;

/// <summary>One cgroup (on v1: the same path in every controller hierarchy).</summary>
public interface ICgroup
{
    /// <summary>Absolute path inside the hierarchy, e.g. "/containerlab/abc".</summary>
    string Path { get; }

    /// <summary>The kernel's names of the files the inspection reads, in this cgroup's layout.</summary>
    CgroupFileNames FileNames { get; }

    /// <summary>True when the directory exists (v1: in any controller).</summary>
    bool Exists { get; }

    /// <summary>Usage, limits and counters. Missing files give nulls or zeros; never throws for them.</summary>
    CgroupStats ReadStats();

    /// <summary>
    /// The memory, pids and CPU limit files only (three or four reads; <see cref="ReadStats"/> reads a dozen), as the
    /// kernel answers now. Missing files read as missing; garbage in one throws <see cref="InvalidDataException"/>.
    /// </summary>
    CgroupLimits ReadLimits();

    /// <summary>Process ids in cgroup.procs, of descendants too when <paramref name="recursive"/>. Sorted.</summary>
    IReadOnlyList<int> ReadProcessIds(bool recursive = true);

    /// <summary>
    /// The processes of the subtree as cheaply as the version allows, for inspection and the change stream: v1 puts
    /// every process in every hierarchy, so one hierarchy answers (v2 has one tree anyway). Killing uses
    /// <see cref="ReadProcessIds"/>, which looks everywhere.
    /// </summary>
    IReadOnlyList<int> ReadMembers() => ReadProcessIds(recursive: true);

    /// <summary>SIGKILLs every process in the cgroup and its descendants and waits (bounded) until none is left.</summary>
    void KillAll();

    /// <summary>Kills what is left, then removes the cgroup and its descendants on every controller. Idempotent.</summary>
    void Remove();
}
