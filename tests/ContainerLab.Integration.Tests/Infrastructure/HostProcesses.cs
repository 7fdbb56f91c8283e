using System.Globalization;

namespace ContainerLab.Integration.Tests.Infrastructure;

/// <summary>Host processes as /proc shows them, counted from the kernel's side rather than the daemon's.</summary>
public static class HostProcesses
{
    /// <summary>"pid (comm) state uid" of processes whose real uid lies in [start, start+count): a sandbox's, wherever they were reparented.</summary>
    public static IReadOnlyList<string> WithUidIn(uint start, uint count, bool includeZombies)
    {
        var found = new List<string>();
        foreach (var process in All())
        {
            if (process.Uid >= start && process.Uid - start < count && (includeZombies || process.State != 'Z'))
                found.Add(process.ToString());
        }
        return found;
    }

    public sealed record Entry(int Pid, string Comm, char State, int ParentPid, uint Uid)
    {
        public override string ToString() => $"{Pid} ({Comm}) {State} uid {Uid} parent {ParentPid}";
    }

    public static IEnumerable<Entry> All()
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
                continue;
            Entry? entry = null;
            try
            {
                var status = File.ReadLines(Path.Combine(dir, "status")).ToList();
                string Field(string name) => status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
                entry = new Entry(pid, Field("Name"), Field("State")[0], int.Parse(Field("PPid"), CultureInfo.InvariantCulture),
                    uint.Parse(Field("Uid").Split('\t', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture));
            }
            catch (IOException) { } // exited meanwhile
            catch (InvalidOperationException) { }
            if (entry is not null)
                yield return entry;
        }
    }
}

/// <summary>The children of one process (the daemon), which as a child subreaper inherits what the runtime leaves.</summary>
public static class DaemonChildren
{
    public static IReadOnlyList<string> Zombies(int daemonPid) =>
        HostProcesses.All().Where(p => p.ParentPid == daemonPid && p.State == 'Z').Select(p => p.ToString()).ToList();

    /// <summary>
    /// Waits until the daemon has no zombie child (a child that just exited is a zombie until its parent reaps it, so
    /// one look is not enough); the zombies still there when <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WaitForNoZombiesAsync(int daemonPid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var zombies = Zombies(daemonPid);
        while (zombies.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            zombies = Zombies(daemonPid);
        }
        return zombies;
    }
}
