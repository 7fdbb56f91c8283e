using AngleSharp.Dom;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Tests.Fakes;
using ContainerLab.Web.Components.Kernel.Startup;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>The annotated config.json under "How it started", from fixed JSON over the fake host.</summary>
public sealed class RuntimeConfigPanelTests : BunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeSandboxHost _host = new();

    private IRenderedComponent<RuntimeConfigPanel> RenderPanel(string json, string sandboxId = "sb-1")
    {
        _host.RuntimeConfigs[sandboxId] = json;
        var cut = Render<RuntimeConfigPanel>(p => p.Add(c => c.SandboxId, sandboxId).Add(c => c.Host, _host));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".config-status[role=status]")), Patience);
        return cut;
    }

    /// <summary>The note of the line at <paramref name="path"/>, reached the way assistive technology does: through aria-describedby.</summary>
    private static string Note(IRenderedComponent<RuntimeConfigPanel> cut, string path)
    {
        var line = cut.Find($".config-line[data-path='{path}']");
        Assert.Equal("0", line.GetAttribute("tabindex"));
        var note = cut.Find($"#{line.GetAttribute("aria-describedby")}");
        Assert.Equal("tooltip", note.GetAttribute("role"));
        Assert.Equal(path, note.ParentElement?.GetAttribute("data-path"));
        return note.TextContent;
    }

    private static string Value(IElement line) => string.Concat(line.QuerySelectorAll(".value").Select(v => v.TextContent));

    [Theory]
    [InlineData(0, "pid", "own numbering starting at 1")]
    [InlineData(1, "mnt", "its own list of mounts")]
    [InlineData(2, "uts", "its own hostname")]
    [InlineData(3, "ipc", "System V IPC")]
    [InlineData(4, "net", "its own interfaces")]
    [InlineData(5, "cgroup", "its own view of the cgroup tree")]
    [InlineData(6, "user", "root inside is unprivileged outside")]
    [InlineData(7, "time", "monotonic and boot-time clocks")]
    public void Each_namespace_says_what_it_isolates(int index, string kind, string meaning)
    {
        var cut = RenderPanel(ConfigSamples.Typical);

        string note = Note(cut, $"linux.namespaces[{index}]");
        Assert.Equal("creates " + KernelText.ExplainNamespace(kind), note);
        Assert.Contains(meaning, note);
        Assert.Contains("8 new namespaces", Note(cut, "linux.namespaces"));
    }

    [Fact]
    public void The_limits_read_as_mib_cores_and_processes()
    {
        var cut = RenderPanel(ConfigSamples.Typical);

        Assert.Equal("67108864", Value(cut.Find(".config-line[data-path='linux.resources.memory.limit']")));
        Assert.StartsWith("at most 64 MiB of memory", Note(cut, "linux.resources.memory.limit"));
        Assert.Contains("no swap", Note(cut, "linux.resources.memory.swap"));
        Assert.StartsWith("= 0.5 cores: at most 50 ms of CPU time every 100 ms", Note(cut, "linux.resources.cpu.quota"));
        Assert.StartsWith("at most 64 processes and threads", Note(cut, "linux.resources.pids.limit"));
        Assert.Contains("/containerlab/1a2b3c4d5e6f", Note(cut, "linux.cgroupsPath"));
    }

    [Fact]
    public void The_uid_mapping_says_which_host_uid_root_is()
    {
        var cut = RenderPanel(ConfigSamples.Typical);

        Assert.StartsWith("root inside is uid 3000000000 outside", Note(cut, "linux.uidMappings"));
        Assert.Equal("uids 0–65535 inside are uids 3000000000–3000065535 outside", Note(cut, "linux.uidMappings[0]"));
        Assert.StartsWith("group root inside is gid 3000000000 outside", Note(cut, "linux.gidMappings"));
        Assert.Equal("runs as root (0), gid 0 in the sandbox's user namespace: uid 3000000000 on the host", Note(cut, "process.user"));
    }

    [Fact]
    public void Capabilities_name_what_root_inside_lost()
    {
        var cut = RenderPanel(ConfigSamples.Typical);

        string note = Note(cut, "process.capabilities");
        Assert.Contains("keeps 13 of the 41 capabilities", note);
        Assert.Contains("28 are dropped", note);
        Assert.Contains("CAP_SYS_ADMIN (mount filesystems", note);
        Assert.Contains("CAP_NET_ADMIN", note);
        Assert.Equal("CAP_NET_RAW: open raw and packet sockets (ping)", Note(cut, "process.capabilities.bounding[5]"));
        Assert.StartsWith("no_new_privs", Note(cut, "process.noNewPrivileges"));
        Assert.StartsWith("at most 1024 open files per process; soft = hard", Note(cut, "process.rlimits[0]"));
    }

    [Fact]
    public void Mounts_and_masks_are_explained()
    {
        var cut = RenderPanel(ConfigSamples.Typical);

        Assert.Contains("procfs of the sandbox's pid namespace", Note(cut, "mounts[0]"));
        Assert.Contains("new devpts instance", Note(cut, "mounts[2]"));
        Assert.Contains("read-only", Note(cut, "mounts[5]"));
        Assert.Contains("/etc/hosts", Note(cut, "mounts[7]"));
        Assert.Contains("11 paths hidden", Note(cut, "linux.maskedPaths"));
        Assert.Contains("physical memory", Note(cut, "linux.maskedPaths[2]"));
        Assert.Contains("reboots or crashes the host", Note(cut, "linux.readonlyPaths[4]"));
        Assert.Contains("node1", Note(cut, "hostname"));
        Assert.Equal("the command the runtime execs as pid 1: sleep 3600", Note(cut, "process.args"));
        Assert.Equal("allow character device 1:3 (/dev/null): read, write, mknod", Note(cut, "linux.resources.devices[1]"));
    }

    [Fact]
    public void The_seccomp_rules_start_collapsed_with_a_count_and_expand_on_click()
    {
        var cut = RenderPanel(ConfigSamples.Typical);

        Assert.Contains("a call no rule names: allowed (a deny-list); 21 system calls are named in 3 rules", Note(cut, "linux.seccomp"));
        var toggle = cut.Find(".config-line[data-path='linux.seccomp.syscalls'] button.config-toggle");
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Equal("… 3 items", toggle.TextContent);
        Assert.Equal("show the 3 items of linux.seccomp.syscalls", toggle.GetAttribute("aria-label"));
        Assert.Equal("[]", Value(cut.Find(".config-line[data-path='linux.seccomp.syscalls']")));
        Assert.Empty(cut.FindAll(".config-line[data-path^='linux.seccomp.syscalls[']"));

        toggle.Click();

        Assert.Equal("true", cut.Find(".config-line[data-path='linux.seccomp.syscalls'] button").GetAttribute("aria-expanded"));
        Assert.Equal("keyctl, add_key, request_key, bpf and 16 more: fails with EPERM (operation not permitted)", Note(cut, "linux.seccomp.syscalls[0]"));
        Assert.EndsWith("when argument 0 == 38", Note(cut, "linux.seccomp.syscalls[1]"));
        // The 20 names of the first rule are a long array of their own: collapsed until asked for.
        Assert.Equal("false", cut.Find(".config-line[data-path='linux.seccomp.syscalls[0].names'] button").GetAttribute("aria-expanded"));
        Assert.Empty(cut.FindAll(".config-line[data-path^='linux.seccomp.syscalls[0].names[']"));

        cut.Find(".config-line[data-path='linux.seccomp.syscalls'] button").Click();
        Assert.Empty(cut.FindAll(".config-line[data-path^='linux.seccomp.syscalls[']"));
    }

    [Fact]
    public void Every_annotated_line_is_focusable_and_described_and_the_listing_is_text()
    {
        var cut = RenderPanel(ConfigSamples.Typical);

        Assert.Empty(cut.FindAll("canvas, svg"));
        var annotated = cut.FindAll(".config-line.annotated");
        Assert.True(annotated.Count > 40, $"{annotated.Count} annotated lines");
        foreach (var line in annotated)
        {
            Assert.Equal("0", line.GetAttribute("tabindex"));
            var note = cut.Find($"#{line.GetAttribute("aria-describedby")}");
            Assert.False(string.IsNullOrWhiteSpace(note.TextContent), line.OuterHtml);
        }
        Assert.All(cut.FindAll(".config-line:not(.annotated)"), l => Assert.Null(l.GetAttribute("tabindex")));
        Assert.Equal("\"ociVersion\"", cut.Find(".config-line[data-path='ociVersion'] .key").TextContent);
        Assert.Equal("[\"sleep\", \"3600\"]", Value(cut.Find(".config-line[data-path='process.args']")));
    }

    [Fact]
    public void Malformed_json_is_plain_text_without_annotations()
    {
        var cut = RenderPanel(ConfigSamples.Malformed);

        Assert.Equal(ConfigSamples.Malformed, cut.Find("pre.config-plain").TextContent);
        Assert.Contains("not valid JSON", cut.Find(".config-status").TextContent);
        Assert.Empty(cut.FindAll(".config-line"));
        Assert.Empty(cut.FindAll(".config-note"));
    }

    [Theory]
    [InlineData(ConfigSamples.WrongKinds, "ociVersion is a number, not a string")]
    [InlineData("[1, 2]", "the document is an array, not an object")]
    [InlineData("null", "the document is null, not an object")]
    public void Json_of_another_shape_is_plain_text_that_says_why(string json, string why)
    {
        var cut = RenderPanel(json);

        Assert.Equal(json, cut.Find("pre.config-plain").TextContent);
        Assert.Contains(why, cut.Find(".config-status").TextContent);
        Assert.Empty(cut.FindAll(".config-note"));
    }

    [Fact]
    public void An_empty_object_is_one_line_with_nothing_to_explain()
    {
        var cut = RenderPanel(ConfigSamples.EmptyObject);

        var line = Assert.Single(cut.FindAll(".config-line"));
        Assert.Equal("{}", Value(line));
        Assert.Empty(cut.FindAll(".config-note"));
        Assert.Empty(cut.FindAll("pre.config-plain"));
    }

    [Fact]
    public void Parts_the_table_does_not_know_are_listed_without_notes()
    {
        var cut = RenderPanel("""{ "annotations": { "org.example/owner": "class 3b" }, "hostname": "n1" }""");

        Assert.Equal("{ \"org.example/owner\": \"class 3b\" }", Value(cut.Find(".config-line[data-path='annotations']")));
        Assert.Null(cut.Find(".config-line[data-path='annotations']").GetAttribute("tabindex"));
        Assert.Contains("n1", Note(cut, "hostname"));
    }

    [Fact]
    public void It_is_fetched_once_per_sandbox_however_often_the_parent_renders()
    {
        _host.RuntimeConfigs["sb-2"] = """{ "hostname": "second" }""";
        var cut = RenderPanel(ConfigSamples.Typical);
        int renders = cut.RenderCount;

        cut.Render();
        cut.Render();
        Assert.Equal(["sb-1"], _host.RuntimeConfigsRead);
        Assert.Equal(renders, cut.RenderCount); // nor are its hundreds of lines drawn again

        cut.Render(p => p.Add(c => c.SandboxId, "sb-2"));
        cut.WaitForAssertion(() => Assert.Contains("second", Note(cut, "hostname")), Patience);
        Assert.Equal(["sb-1", "sb-2"], _host.RuntimeConfigsRead);
    }

    [Fact]
    public void An_unknown_sandbox_or_an_unreachable_host_says_so()
    {
        var cut = Render<RuntimeConfigPanel>(p => p.Add(c => c.SandboxId, "sb-9").Add(c => c.Host, _host));
        cut.WaitForAssertion(() => Assert.Contains("not available: no sandbox 'sb-9'", cut.Find(".config-status").TextContent), Patience);

        _host.Failure = new HttpRequestException("down");
        var down = Render<RuntimeConfigPanel>(p => p.Add(c => c.SandboxId, "sb-9").Add(c => c.Host, _host));
        down.WaitForAssertion(() => Assert.Contains("does not answer", down.Find(".config-status").TextContent), Patience);
    }
}
