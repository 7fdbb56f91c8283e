using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Checks;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Tests.Checks;

/// <summary>The declarative checks against fixed inspections: pass, fail with a message that says what the kernel reported.</summary>
public sealed class InspectionCheckTests
{
    private static InspectionDto Inspection(
        IReadOnlyList<InspectedNamespaceDto>? namespaces = null, long? memory = 128L << 20, long? pids = 64, double? cpus = 0.5,
        long oomKills = 0, IReadOnlyList<FileChangeDto>? changes = null, IReadOnlyList<InspectedProcessDto>? processes = null) =>
        new(DateTimeOffset.UnixEpoch, processes ?? [], namespaces ?? [],
            new InspectedCgroupDto("/x", memory, 1, 1, oomKills, pids, 1, 0, cpus, 0, 0, 0),
            new InspectedFilesystemDto([], changes ?? [], false));

    private static InspectedNamespaceDto Ns(string kind, bool host, bool init) => new(kind, 4026532000, host, init, [1]);

    [Fact]
    public void A_nested_namespace_is_one_neither_the_hosts_nor_the_inits()
    {
        var check = new NamespaceCheck("node1", null, 1, "pid", Nested: true);
        Assert.False(InspectionCheck.Evaluate(check, Inspection([Ns("pid", false, true), Ns("net", false, false)])).Passed);
        Assert.True(InspectionCheck.Evaluate(check, Inspection([Ns("pid", false, true), Ns("pid", false, false)])).Passed);
        Assert.True(InspectionCheck.Evaluate(check with { Nested = false }, Inspection([Ns("pid", false, true)])).Passed);
    }

    [Fact]
    public void Limits_compare_with_both_bounds_and_say_the_value()
    {
        var atMost64 = new LimitCheck("node1", null, 1, LimitResource.Memory, AtMost: 64L << 20, AtLeast: null);
        var failed = InspectionCheck.Evaluate(atMost64, Inspection(memory: 128L << 20));
        Assert.False(failed.Passed);
        Assert.Equal("node1's memory limit is 128 MiB; this step wants at most 64 MiB", failed.Message);
        Assert.True(InspectionCheck.Evaluate(atMost64, Inspection(memory: 32L << 20)).Passed);
        Assert.False(InspectionCheck.Evaluate(atMost64, Inspection(memory: null)).Passed);
        var cpus = new LimitCheck("node1", null, 1, LimitResource.Cpus, AtMost: null, AtLeast: 1);
        Assert.Contains("0.5 CPU", InspectionCheck.Evaluate(cpus, Inspection(cpus: 0.5)).Message);
    }

    [Fact]
    public void Oom_kills_files_and_processes()
    {
        Assert.True(InspectionCheck.Evaluate(new OomKillCheck("node1", null, 1, 1), Inspection(oomKills: 2)).Passed);
        Assert.False(InspectionCheck.Evaluate(new OomKillCheck("node1", null, 1, 1), Inspection()).Passed);

        var whiteout = new FileChangeCheck("node1", null, 1, "/bin/vi", "deleted");
        Assert.True(InspectionCheck.Evaluate(whiteout, Inspection(changes: [new FileChangeDto("/bin/vi", "deleted", false, 0)])).Passed);
        Assert.Equal("/bin/vi is modified in the writable layer; this step wants it deleted",
            InspectionCheck.Evaluate(whiteout, Inspection(changes: [new FileChangeDto("/bin/vi", "modified", false, 3)])).Message);

        var sleep = new ProcessCheck("node1", null, 1, "sleep", Running: true);
        var process = new InspectedProcessDto(4100, 7, [7], 1, "sleep", ["1000"], 0, 1_000_000_000, new Dictionary<string, ulong>());
        Assert.Contains("pid 7 inside, 4100 on the host", InspectionCheck.Evaluate(sleep, Inspection(processes: [process])).Message);
        Assert.False(InspectionCheck.Evaluate(sleep with { Running = false }, Inspection(processes: [process])).Passed);
    }

    [Fact]
    public void The_authors_message_replaces_the_generated_one_on_failure_only()
    {
        var check = new OomKillCheck("node1", "run the hog first", 1, 1);
        Assert.Equal("run the hog first", InspectionCheck.Evaluate(check, Inspection()).Message);
        Assert.NotEqual("run the hog first", InspectionCheck.Evaluate(check, Inspection(oomKills: 1)).Message);
    }
}
