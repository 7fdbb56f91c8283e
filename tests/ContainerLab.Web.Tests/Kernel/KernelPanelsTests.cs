using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Limits;
using ContainerLab.Web.Sessions;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static ContainerLab.Web.Tests.Kernel.InspectionSamples;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>
/// The container of the panels over the fake host: the first inspection, then the change stream (structural changes
/// read the inspection again, usage goes straight to the cgroup panel), errors, reconnecting, the end, disposal.
/// </summary>
public sealed class KernelPanelsTests : BunitContext
{
    private const string Sandbox = "sb-0001";
    private readonly FakeSandboxHost _host = new();
    private readonly ManualTimeProvider _time = new();

    // Continuations run on the thread pool; under the whole suite in parallel bUnit's default 1 s wait can be too short.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public KernelPanelsTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddScoped<ContainerLab.Web.Components.Kernel.Chain.ChainLog>();
        Services.AddSingleton(new ContainerLab.Web.Sandboxes.SandboxHostErrors(Microsoft.Extensions.Logging.Abstractions.NullLogger<ContainerLab.Web.Sandboxes.SandboxHostErrors>.Instance));
        Services.AddSingleton(new EffectiveLimitsCache(_host, Microsoft.Extensions.Options.Options.Create(new WebOptions()), _time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EffectiveLimitsCache>.Instance));
    }

    private IRenderedComponent<KernelPanels> RenderPanels() =>
        Render<KernelPanels>(p => p.Add(x => x.SandboxId, Sandbox).Add(x => x.Host, _host));

    private static SandboxEventDto Change(string type, int second, InspectedCgroupDto? cgroup = null) =>
        new(type, DateTimeOffset.UnixEpoch.AddSeconds(second), cgroup ?? Cgroup());

    private IRenderedComponent<KernelPanels> RenderFollowing()
    {
        _host.Inspection = Typical;
        var cut = RenderPanels();
        cut.WaitForAssertion(() => Assert.Single(_host.Subscribed), Patience);
        return cut;
    }

    [Fact]
    public void A_vm_nodes_guest_is_asked_once_the_boot_timeline_says_its_agent_answers_not_before()
    {
        _host.Inspection = Typical;
        _host.Seed(Sandbox, null);
        _host.Runs = _ => new ContainerLab.Api.Client.ProcessOutput(0,
            "release 6.1.0-28-amd64\nuptime 3.2\nMemTotal: 190012\nMemAvailable: 150004\nprocess 1 init\nkernel-threads 40\n", "", false);
        var cut = Render<KernelPanels>(p => p.Add(x => x.SandboxId, Sandbox).Add(x => x.Host, _host).Add(x => x.IsVm, true).Add(x => x.Node, "vm1"));
        cut.WaitForAssertion(() => Assert.Contains("Waiting for the guest to boot", cut.Find(".guest-panel .guest-waiting").TextContent), Patience);

        _time.Advance(TimeSpan.FromSeconds(1)); // the boot is not over: the guest is not asked
        Assert.DoesNotContain(_host.Ran, r => r.Script == ContainerLab.Web.Components.Kernel.Guest.GuestView.Probe);

        _host.SetStartup(Sandbox, [new StartupStepDto("guest agent answered (exec works)", 2900)]);
        cut.WaitForAssertion(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            Assert.Contains("6.1.0-28-amd64", cut.Find(".guest-panel .guest-release").TextContent);
        }, Patience);
    }

    [Fact]
    public void Shows_no_data_yet_until_the_first_answer_then_the_panels_and_subscribes()
    {
        _host.Inspection = Typical;
        _host.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var cut = RenderPanels();

        Assert.Equal("No data yet.", cut.Find(".kernel-waiting").TextContent);
        Assert.Empty(cut.FindAll(".kernel-panel"));

        _host.Gate.SetResult();

        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll(".kernel-panel").Count), Patience);
        cut.WaitForAssertion(() => Assert.Equal([Sandbox], _host.Subscribed), Patience);
        Assert.Empty(cut.FindAll(".kernel-waiting"));
        Assert.Equal(Sandbox, Assert.Single(_host.Inspected));
    }

    [Theory]
    [InlineData(SandboxEventTypes.Processes)]
    [InlineData(SandboxEventTypes.Namespaces)]
    [InlineData(SandboxEventTypes.Files)]
    [InlineData(SandboxEventTypes.State)]
    public void A_structural_change_reads_the_inspection_again_and_redraws(string type)
    {
        var cut = RenderFollowing();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("g.proc").Count), Patience);

        _host.Inspection = NestedUnshare;
        _host.PushChange(Sandbox, Change(type, 1));

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("g.proc").Count), Patience);
        Assert.Single(cut.FindAll("g.role-nested"));
        Assert.Equal(2, _host.Inspected.Count);
    }

    [Fact]
    public void A_change_older_than_the_inspection_shown_reads_nothing_again()
    {
        _host.Inspection = Typical with { TakenAt = DateTimeOffset.UnixEpoch.AddSeconds(10) };
        var cut = RenderPanels();
        cut.WaitForAssertion(() => Assert.Single(_host.Subscribed), Patience);

        _host.PushChange(Sandbox, Change(SandboxEventTypes.Files, 5));
        _host.PushChange(Sandbox, Change(SandboxEventTypes.Processes, 11));

        cut.WaitForAssertion(() => Assert.Equal(2, _host.Inspected.Count), Patience);
    }

    [Fact]
    public void Usage_goes_to_the_cgroup_panel_and_its_history_without_inspecting()
    {
        var cut = RenderFollowing();
        cut.WaitForAssertion(() => Assert.Contains("12 MiB of 64 MiB", cut.Find("g.bar[data-bar=memory]").TextContent), Patience);

        _host.PushChange(Sandbox, Change(SandboxEventTypes.Usage, 1, Cgroup(memoryUsage: 20L << 20)));
        _host.PushChange(Sandbox, Change(SandboxEventTypes.Usage, 2, Cgroup(memoryUsage: 30L << 20)));

        cut.WaitForAssertion(() => Assert.Contains("30 MiB of 64 MiB", cut.Find("g.bar[data-bar=memory]").TextContent), Patience);
        Assert.Equal(2, cut.Find("polyline.spark[data-resource=memory]").GetAttribute("points")!.Split(' ').Length);
        Assert.Single(_host.Inspected);
    }

    [Fact]
    public void An_oom_kill_flashes_the_count_with_an_alert()
    {
        var cut = RenderFollowing();
        _host.PushChange(Sandbox, Change(SandboxEventTypes.Usage, 1));
        _host.PushChange(Sandbox, Change(SandboxEventTypes.OomKill, 2, Cgroup(oomKills: 1)));

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find(".oom-kills.flash").TextContent), Patience);
        Assert.Contains("OOM killer", cut.Find(".oom-alert[role=alert]").TextContent);

        _host.PushChange(Sandbox, Change(SandboxEventTypes.Usage, 2 + (int)KernelPanels.OomFlash.TotalSeconds + 1, Cgroup(oomKills: 1)));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".oom-alert")), Patience);
    }

    [Fact]
    public void An_oom_kill_is_marked_on_the_memory_timeline_and_its_marker_explains_it_with_the_nodes_name()
    {
        _host.Inspection = Typical;
        var cut = Render<KernelPanels>(p => p.Add(x => x.SandboxId, Sandbox).Add(x => x.Host, _host).Add(x => x.Node, "node1"));
        cut.WaitForAssertion(() => Assert.Single(_host.Subscribed), Patience);
        _host.PushChange(Sandbox, Change(SandboxEventTypes.Usage, 1));
        _host.PushChange(Sandbox, Change(SandboxEventTypes.OomKill, 2, Cgroup(oomKills: 1)));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".cg-timeline[data-resource=memory] g.cg-event[data-kind=oom]")), Patience);
        Assert.Empty(cut.FindAll(".cg-timeline[data-resource=cpu] g.cg-event, .cg-timeline[data-resource=pids] g.cg-event"));
        Assert.Equal("node1", cut.Find(".cg-tree-node.level-node .cg-name").TextContent);

        cut.Find("g.cg-event[data-kind=oom]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.StartsWith("OOM kill at 00:00:02 UTC: the kernel killed a process because node1 reached memory.max (64 MiB)",
            cut.Find(".cg-event-note").TextContent.Trim()), Patience);
        // It stays open while the readings go on (the marker moves left, a second older), and its marker says so.
        string at = cut.Find("g.cg-event[data-kind=oom]").GetAttribute("transform")!;
        _host.PushChange(Sandbox, Change(SandboxEventTypes.Usage, 3, Cgroup(oomKills: 1)));
        cut.WaitForAssertion(() => Assert.NotEqual(at, cut.Find("g.cg-event[data-kind=oom]").GetAttribute("transform")), Patience);
        Assert.Equal("true", cut.Find("g.cg-event[data-kind=oom]").GetAttribute("aria-expanded"));
        Assert.NotEmpty(cut.FindAll(".cg-event-note"));
    }

    [Fact]
    public void An_error_shows_a_short_message_and_the_next_answer_clears_it()
    {
        _host.Failure = FakeSandboxHost.Refused("the daemon is out of space");
        var cut = RenderPanels();

        cut.WaitForAssertion(() => Assert.Equal("Cannot inspect the sandbox: the daemon is out of space", cut.Find(".kernel-error").TextContent), Patience);
        Assert.Empty(cut.FindAll(".kernel-waiting"));

        _host.Failure = null;
        _host.Inspection = Typical;
        _time.WaitForTimers(1, Patience); // the retry's delay is set up after the message shows
        _time.Advance(KernelPanels.RetryDelay);

        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll(".kernel-panel").Count), Patience);
        Assert.Empty(cut.FindAll(".kernel-error"));
    }

    [Fact]
    public void A_broken_stream_keeps_the_last_diagrams_under_the_message_and_follows_again()
    {
        var cut = RenderFollowing();
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll(".kernel-panel").Count), Patience);

        _host.EndChanges(Sandbox, new HttpRequestException("connection reset"));

        cut.WaitForAssertion(() => Assert.Contains("does not answer", cut.Find(".kernel-error").TextContent), Patience);
        Assert.Equal(6, cut.FindAll(".kernel-panel").Count);

        _time.WaitForTimers(1, Patience); // the retry's delay is set up after the message shows
        _time.Advance(KernelPanels.RetryDelay);

        cut.WaitForAssertion(() => Assert.Equal(2, _host.Subscribed.Count), Patience);
        Assert.Empty(cut.FindAll(".kernel-error"));
        Assert.Equal(2, _host.Inspected.Count); // the full picture again: changes during the gap were not pushed
    }

    [Fact]
    public void The_end_of_the_sandbox_says_so_and_follows_no_more()
    {
        var cut = RenderFollowing();
        _host.PushChange(Sandbox, new SandboxEventDto(SandboxEventTypes.Ended, DateTimeOffset.UnixEpoch.AddSeconds(1)));

        cut.WaitForAssertion(() => Assert.Contains("removed", cut.Find(".kernel-error").TextContent), Patience);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(_host.Subscribed);
    }

    [Fact]
    public async Task Stops_following_once_disposed()
    {
        var cut = RenderFollowing();

        await DisposeComponentsAsync();
        _host.PushChange(Sandbox, Change(SandboxEventTypes.Processes, 1));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(_host.Inspected);
        Assert.Single(_host.Subscribed);
    }
}
