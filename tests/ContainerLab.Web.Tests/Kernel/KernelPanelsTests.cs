using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static ContainerLab.Web.Tests.Kernel.InspectionSamples;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>The container of the four panels over the fake host and a manual clock: first answer, ticks, errors, disposal.</summary>
public sealed class KernelPanelsTests : BunitContext
{
    private readonly FakeSandboxHost _host = new();
    private readonly ManualTimeProvider _time = new();

    // Tick continuations run on the thread pool; under the whole suite in parallel bUnit's default 1 s wait can be too short.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public KernelPanelsTests() => Services.AddSingleton<TimeProvider>(_time);

    private IRenderedComponent<KernelPanels> RenderPanels(string sandboxId = "sb-0001") =>
        Render<KernelPanels>(p => p.Add(x => x.SandboxId, sandboxId).Add(x => x.Host, _host));

    [Fact]
    public void Shows_no_data_yet_until_the_first_answer_then_the_four_panels()
    {
        _host.Inspection = Typical;
        _host.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var cut = RenderPanels();

        Assert.Equal("No data yet.", cut.Find(".kernel-waiting").TextContent);
        Assert.Empty(cut.FindAll(".kernel-panel"));

        _host.Gate.SetResult();

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll(".kernel-panel").Count), Patience);
        Assert.Empty(cut.FindAll(".kernel-waiting"));
        Assert.Equal("sb-0001", Assert.Single(_host.Inspected));
    }

    [Fact]
    public void Each_tick_of_one_second_inspects_again_and_redraws()
    {
        _host.Inspection = Typical;
        var cut = RenderPanels();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("g.proc").Count), Patience);

        _host.Inspection = NestedUnshare;
        _time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("g.proc").Count), Patience);
        Assert.Single(cut.FindAll("g.role-nested"));
        Assert.Equal(2, _host.Inspected.Count);
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
        _time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll(".kernel-panel").Count), Patience);
        Assert.Empty(cut.FindAll(".kernel-error"));
    }

    [Fact]
    public void A_daemon_that_does_not_answer_keeps_the_last_diagrams_under_the_message()
    {
        _host.Inspection = Typical;
        var cut = RenderPanels();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll(".kernel-panel").Count), Patience);

        _host.Failure = new HttpRequestException("connection refused");
        _time.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Contains("does not answer", cut.Find(".kernel-error").TextContent), Patience);
        Assert.Equal(5, cut.FindAll(".kernel-panel").Count);
    }

    [Fact]
    public async Task Stops_inspecting_once_disposed()
    {
        _host.Inspection = Typical;
        var cut = RenderPanels();
        cut.WaitForAssertion(() => Assert.Single(_host.Inspected), Patience);

        await DisposeComponentsAsync();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(_host.Inspected);
    }
}
