namespace ContainerLab.TestSupport;

/// <summary>A cgroup parent unique to one test daemon, and its removal from every controller afterwards (only ours).</summary>
public static class CgroupPrefix
{
    public static string New() => "/containerlab-test-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Directories of <paramref name="prefix"/> on every mounted hierarchy (v1 controllers and the unified mount).</summary>
    public static IReadOnlyList<string> Directories(string prefix) =>
        Directory.EnumerateDirectories("/sys/fs/cgroup")
            .Select(controller => controller + prefix)
            .Append("/sys/fs/cgroup" + prefix)
            .Where(Directory.Exists)
            .Distinct()
            .ToList();

    /// <summary>Child cgroups (sandboxes) under the prefix, on any hierarchy.</summary>
    public static int CountChildren(string prefix) =>
        Directories(prefix).Sum(d => Directory.EnumerateDirectories(d).Count());

    /// <summary>rmdir depth-first; a cgroup dir is removable with its control files inside.</summary>
    public static void Remove(string prefix)
    {
        foreach (string root in Directories(prefix))
        {
            foreach (string dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
                TryRmdir(dir);
            TryRmdir(root);
        }
    }

    private static void TryRmdir(string dir)
    {
        try { Directory.Delete(dir); }
        catch (IOException) { }
    }
}
