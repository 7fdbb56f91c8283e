using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Tests.Cgroups;

/// <summary>
/// Plays the kernel on a fake cgroup tree in a temp dir: refuses rmdir of populated cgroups or cgroups with
/// children (EBUSY) and lets SIGKILL and cgroup.kill empty cgroup.procs.
/// </summary>
internal sealed class FakeCgroupKernel(string root) : ICgroupKernel
{
    private const int ENOENT = 2, EBUSY = 16;

    public List<string> Log { get; } = [];

    /// <summary>Directories whose next rmdir fails with EBUSY (as right after the last task left).</summary>
    public HashSet<string> BusyOnce { get; } = [];

    public static CgroupWaits FastWaits { get; } = new(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1), 3);

    public void WriteFile(string path, string value)
    {
        if (!File.Exists(path))
            throw new KernelCallException("write", path, ENOENT);
        string name = Path.GetFileName(path);
        string directory = Path.GetDirectoryName(path)!;
        Log.Add($"write {Relative(path)} {value}");
        File.WriteAllText(path, value);
        if (name == "cgroup.kill" && value == "1")
            EmptySubtree(directory);
    }

    public void RemoveDirectory(string path)
    {
        if (!Directory.Exists(path))
            throw new KernelCallException("rmdir", path, ENOENT);
        if (BusyOnce.Remove(path) || Directory.EnumerateDirectories(path).Any() || ProcsOf(path).Length > 0)
            throw new KernelCallException("rmdir", path, EBUSY);
        Log.Add($"rmdir {Relative(path)}");
        Directory.Delete(path, recursive: true);
    }

    public void KillProcess(int pid)
    {
        Log.Add($"kill {pid}");
        foreach (string procs in Directory.EnumerateFiles(root, "cgroup.procs", SearchOption.AllDirectories))
            File.WriteAllLines(procs, File.ReadAllLines(procs).Where(line => line.Trim() != pid.ToString()));
        foreach (string events in Directory.EnumerateFiles(root, "cgroup.events", SearchOption.AllDirectories))
        {
            string directory = Path.GetDirectoryName(events)!;
            bool populated = Directory.EnumerateFiles(directory, "cgroup.procs", SearchOption.AllDirectories).Any(p => ProcsOf(Path.GetDirectoryName(p)!).Length > 0);
            File.WriteAllText(events, $"populated {(populated ? 1 : 0)}\nfrozen 0\n");
        }
    }

    private void EmptySubtree(string directory)
    {
        foreach (string procs in Directory.EnumerateFiles(directory, "cgroup.procs", SearchOption.AllDirectories))
            File.WriteAllText(procs, "");
        foreach (string events in Directory.EnumerateFiles(directory, "cgroup.events", SearchOption.AllDirectories))
            File.WriteAllText(events, "populated 0\nfrozen 0\n");
    }

    private static string[] ProcsOf(string directory)
    {
        string procs = Path.Combine(directory, "cgroup.procs");
        return File.Exists(procs) ? File.ReadAllLines(procs).Where(l => l.Trim().Length > 0).ToArray() : [];
    }

    private string Relative(string path) => "/" + Path.GetRelativePath(root, path);
}
