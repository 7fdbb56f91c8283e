using System.Globalization;
using System.Text;
using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Sandboxes;
using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Inspection.Watching;

/// <summary>
/// Watches one sandbox for <see cref="SandboxChangeStream"/>: each tick reads what is cheap to read (its cgroup's
/// process list, each process's comm and namespace links, the cgroup's counters, the queued inotify events of its
/// writable layer) and compares it with the last tick. The full inspection is only read by whoever is told of a change.
/// </summary>
internal sealed class SandboxWatcher : IDisposable
{
    public const int MaxPathsPerEvent = 100;

    private readonly Sandbox _sandbox;
    private readonly ICgroup _cgroup;
    private readonly string _procRoot;
    private readonly int _ticksPerUsage;
    private UpperDirWatch? _files;
    private bool _filesFailed;
    private SandboxObservation? _last;
    private long _ticks;

    public SandboxWatcher(Sandbox sandbox, ICgroup cgroup, int ticksPerUsage, string procRoot = "/proc")
    {
        _sandbox = sandbox;
        _cgroup = cgroup;
        _ticksPerUsage = Math.Max(1, ticksPerUsage);
        _procRoot = procRoot;
    }

    public string SandboxId => _sandbox.Id;
    public bool Ended { get; private set; }
    /// <summary>The cgroup as the last tick read it.</summary>
    public InspectedCgroup? LastCgroup => _last?.Cgroup;

    public IReadOnlyList<SandboxEvent> Tick(DateTimeOffset now)
    {
        if (Ended)
            return [];
        if (_sandbox.Removed)
        {
            Ended = true;
            return [new SandboxEvent(SandboxEventKind.Ended, now)];
        }
        var observation = Observe();
        var events = SandboxChangeDetector.Compare(_last, observation, now, usageDue: _ticks++ % _ticksPerUsage == 0, MaxPathsPerEvent);
        _last = observation;
        return events;
    }

    private SandboxObservation Observe()
    {
        var state = _sandbox.State;
        bool exists = _cgroup.Exists;
        var processes = new Dictionary<int, ProcessMark>();
        if (exists)
            foreach (int pid in _cgroup.ReadMembers())
                if (Mark(pid) is { } mark)
                    processes[pid] = mark;
        var cgroup = exists ? CgroupInspector.Inspect(_cgroup) : null;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        bool filesChanged = Files()?.Drain(changed) ?? false;
        return new SandboxObservation(state, processes, cgroup, changed, filesChanged, _filesFailed || _files?.Incomplete == true);
    }

    private ProcessMark? Mark(int pid)
    {
        string directory = Path.Combine(_procRoot, pid.ToString(CultureInfo.InvariantCulture));
        string? command = KernelFile.ReadOrNull(Path.Combine(directory, "comm"));
        if (command is null)
            return null;
        var namespaces = new StringBuilder();
        foreach (var (kind, inode) in NamespaceLink.ReadAll(directory))
            namespaces.Append(kind).Append(':').Append(inode).Append(',');
        return new ProcessMark(command.TrimEnd('\n'), namespaces.ToString());
    }

    /// <summary>The inotify watch, opened on the first tick that finds the writable layer; null until then or if it failed.</summary>
    private UpperDirWatch? Files()
    {
        if (_files is not null || _filesFailed)
            return _files;
        string upper = _sandbox.Snapshot.Upper;
        if (!Directory.Exists(upper))
            return null;
        try
        {
            _files = UpperDirWatch.Open(upper);
        }
        catch (Errors.KernelCallException)
        {
            _filesFailed = true; // no inotify instance left (fs.inotify.max_user_instances): files show on other events only
        }
        return _files;
    }

    public void Dispose() => _files?.Dispose();
}
