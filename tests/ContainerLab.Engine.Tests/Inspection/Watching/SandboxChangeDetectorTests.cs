using ContainerLab.Engine.Inspection;
using ContainerLab.Engine.Inspection.Watching;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Tests.Inspection.Watching;

/// <summary>Which events two successive observations of a sandbox give.</summary>
public sealed class SandboxChangeDetectorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProcessMark Shell = new("sh", "Pid:10,Net:20,Mnt:30,");

    private static InspectedCgroup Cgroup(long oomKills = 0, long pidsHits = 0, long? memoryLimit = 64 << 20, long memory = 1 << 20) =>
        new("/containerlab/x", memoryLimit, memory, memory, oomKills, 64, 1, pidsHits, 0.5, 1000, 0, 0, ContainerLab.Engine.Cgroups.CgroupFileNames.V2);

    private static SandboxObservation Observe(IReadOnlyDictionary<int, ProcessMark>? processes = null, InspectedCgroup? cgroup = null,
        string[]? changed = null, bool incomplete = false, SandboxState state = SandboxState.Running) =>
        new(state, processes ?? new Dictionary<int, ProcessMark> { [100] = Shell }, cgroup ?? Cgroup(), changed ?? [], changed is { Length: > 0 }, incomplete);

    private static SandboxEventKind[] Kinds(IEnumerable<SandboxEvent> events) => [.. events.Select(e => e.Kind)];

    [Fact]
    public void The_first_observation_gives_only_the_usage()
    {
        var events = SandboxChangeDetector.Compare(null, Observe(), At, usageDue: false, maxPaths: 10);
        Assert.Equal([SandboxEventKind.Usage], Kinds(events));
        Assert.NotNull(events[0].Cgroup);
    }

    [Fact]
    public void Nothing_changed_gives_nothing_until_usage_is_due()
    {
        Assert.Empty(SandboxChangeDetector.Compare(Observe(), Observe(), At, usageDue: false, maxPaths: 10));
        Assert.Equal([SandboxEventKind.Usage], Kinds(SandboxChangeDetector.Compare(Observe(), Observe(), At, usageDue: true, maxPaths: 10)));
    }

    [Fact]
    public void A_started_and_an_exited_process_are_named_by_host_pid()
    {
        var before = Observe(new Dictionary<int, ProcessMark> { [100] = Shell, [101] = Shell with { Command = "sleep" } });
        var now = Observe(new Dictionary<int, ProcessMark> { [100] = Shell, [102] = Shell with { Command = "top" } });

        var change = Assert.Single(SandboxChangeDetector.Compare(before, now, At, false, 10));
        Assert.Equal(SandboxEventKind.Processes, change.Kind);
        Assert.Equal([102], change.Started);
        Assert.Equal([101], change.Exited);
    }

    [Fact]
    public void An_exec_in_the_same_process_is_a_process_change()
    {
        var now = Observe(new Dictionary<int, ProcessMark> { [100] = Shell with { Command = "vi" } });
        var change = Assert.Single(SandboxChangeDetector.Compare(Observe(), now, At, false, 10));
        Assert.Equal(SandboxEventKind.Processes, change.Kind);
        Assert.Empty(change.Started!);
    }

    [Fact]
    public void A_new_namespace_is_a_namespace_change_and_so_is_its_end()
    {
        var nested = new Dictionary<int, ProcessMark> { [100] = Shell, [105] = new("sh", "Pid:11,Net:20,Mnt:31,") };
        var created = SandboxChangeDetector.Compare(Observe(), Observe(nested), At, false, 10);
        Assert.Equal([SandboxEventKind.Processes, SandboxEventKind.Namespaces], Kinds(created));

        var gone = SandboxChangeDetector.Compare(Observe(nested), Observe(), At, false, 10);
        Assert.Equal([SandboxEventKind.Processes, SandboxEventKind.Namespaces], Kinds(gone));
    }

    [Fact]
    public void A_process_joining_namespaces_that_others_are_in_changes_no_namespace()
    {
        var before = new Dictionary<int, ProcessMark> { [100] = Shell, [105] = new("sh", "Pid:11,") };
        var now = new Dictionary<int, ProcessMark> { [100] = Shell, [105] = new("sh", "Pid:11,"), [106] = new("sh", "Pid:11,") };
        Assert.Equal([SandboxEventKind.Processes], Kinds(SandboxChangeDetector.Compare(Observe(before), Observe(now), At, false, 10)));
    }

    [Fact]
    public void Files_come_sorted_and_capped_with_the_truncation_said()
    {
        var change = Assert.Single(SandboxChangeDetector.Compare(Observe(), Observe(changed: ["/root/b", "/root/a", "/tmp/c"]), At, false, 2));
        Assert.Equal(SandboxEventKind.Files, change.Kind);
        Assert.Equal(["/root/a", "/root/b"], change.Paths);
        Assert.True(change.PathsTruncated);
    }

    [Fact]
    public void A_watch_that_becomes_incomplete_says_so_once()
    {
        var first = Assert.Single(SandboxChangeDetector.Compare(Observe(), Observe(incomplete: true), At, false, 10));
        Assert.Equal(SandboxEventKind.Files, first.Kind);
        Assert.True(first.PathsTruncated);
        Assert.Empty(SandboxChangeDetector.Compare(Observe(incomplete: true), Observe(incomplete: true), At, false, 10));
    }

    [Fact]
    public void Cgroup_counters_and_limits_give_their_event_and_a_usage_with_them()
    {
        Assert.Equal([SandboxEventKind.OomKill, SandboxEventKind.Usage],
            Kinds(SandboxChangeDetector.Compare(Observe(), Observe(cgroup: Cgroup(oomKills: 1)), At, false, 10)));
        Assert.Equal([SandboxEventKind.PidsLimitHit, SandboxEventKind.Usage],
            Kinds(SandboxChangeDetector.Compare(Observe(), Observe(cgroup: Cgroup(pidsHits: 3)), At, false, 10)));
        Assert.Equal([SandboxEventKind.Limits, SandboxEventKind.Usage],
            Kinds(SandboxChangeDetector.Compare(Observe(), Observe(cgroup: Cgroup(memoryLimit: 32 << 20)), At, false, 10)));
        // Usage moving alone is no event until the next second's usage.
        Assert.Empty(SandboxChangeDetector.Compare(Observe(), Observe(cgroup: Cgroup(memory: 9 << 20)), At, false, 10));
    }

    [Fact]
    public void A_state_change_is_an_event_with_the_new_state()
    {
        var change = SandboxChangeDetector.Compare(Observe(), Observe(state: SandboxState.Exited), At, false, 10)[0];
        Assert.Equal(SandboxEventKind.State, change.Kind);
        Assert.Equal(SandboxState.Exited, change.State);
    }
}
