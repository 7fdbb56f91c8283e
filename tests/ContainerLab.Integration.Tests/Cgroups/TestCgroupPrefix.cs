using System.Diagnostics;

namespace ContainerLab.Integration.Tests.Cgroups;

/// <summary>
/// A cgroup prefix of the test's own ("/containerlab-test-GUID") on real mounts. The test creates everything under
/// it and Dispose removes only what is under it, on every mount, so no cgroup of the host is ever touched.
/// </summary>
internal sealed class TestCgroupPrefix : IDisposable
{
    private readonly List<Process> _processes = [];

    public TestCgroupPrefix(IEnumerable<string> mountDirectories)
    {
        Mounts = mountDirectories.ToList();
    }

    public string Prefix { get; } = "/containerlab-test-" + Guid.NewGuid().ToString("N");
    public IReadOnlyList<string> Mounts { get; }

    /// <summary>mkdir the cgroup <paramref name="path"/> (under the prefix) in one mount.</summary>
    public string Create(string mount, string path)
    {
        if (!path.StartsWith(Prefix + "/", StringComparison.Ordinal))
            throw new InvalidOperationException($"{path} is not under the test prefix {Prefix}");
        return Directory.CreateDirectory(mount + path).FullName;
    }

    /// <summary>
    /// Starts `sleep 60` inside the cgroups: a shell writes its own pid to each cgroup.procs, then execs sleep,
    /// so the exec's memory is charged to the new memory cgroup (v1 does not move old charges along).
    /// </summary>
    public Process StartSleepIn(IEnumerable<string> cgroupDirectories)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("for procs in \"$@\"; do echo $$ > \"$procs\" || exit 1; done; exec sleep 60");
        start.ArgumentList.Add("sh");
        foreach (string directory in cgroupDirectories)
            start.ArgumentList.Add(Path.Combine(directory, "cgroup.procs"));
        Process process = Process.Start(start)!;
        _processes.Add(process);
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ReadComm(process.Id) != "sleep")
        {
            if (process.HasExited)
                throw new InvalidOperationException($"sh exited {process.ExitCode}: {process.StandardError.ReadToEnd()}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("sh did not exec sleep");
            Thread.Sleep(10);
        }
        return process;
    }

    /// <summary>Directories left under the prefix on any mount (the prefix itself excluded).</summary>
    public IReadOnlyList<string> Leftovers() => Mounts
        .Select(m => m + Prefix)
        .Where(Directory.Exists)
        .SelectMany(d => Directory.EnumerateDirectories(d, "*", SearchOption.AllDirectories))
        .ToList();

    public void Dispose()
    {
        foreach (Process process in _processes)
        {
            if (!process.HasExited)
                process.Kill();
            process.WaitForExit(5000);
            process.Dispose();
        }
        foreach (string mount in Mounts)
            RemoveDepthFirst(mount + Prefix);
    }

    // rmdir only: cgroupfs directories cannot be emptied with unlink, and rmdir is all a cgroup needs.
    private static void RemoveDepthFirst(string directory)
    {
        if (!Directory.Exists(directory))
            return;
        foreach (string child in Directory.EnumerateDirectories(directory))
            RemoveDepthFirst(child);
        Directory.Delete(directory, recursive: false);
    }

    private static string? ReadComm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return null; }
    }
}
