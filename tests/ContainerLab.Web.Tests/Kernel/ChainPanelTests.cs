using Bunit;
using ContainerLab.Api.Client;
using ContainerLab.Web.Components.Kernel.Chain;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class ChainPanelTests : BunitContext
{
    private static readonly DaemonTiming Limits = new(9.0,
    [
        new("daemon", 8.0, "containerlabd"),
        new("runtime", 6.5, "crun update (in the cgroup v1 wrapper)"),
        new("kernel", 0.25, "memory.limit_in_bytes = 50331648, pids.max = 128"),
    ]);

    private readonly ChainLog _log = new();

    public ChainPanelTests()
    {
        Services.AddSingleton(_log);
        JSInterop.SetupModule("./Components/Kernel/Chain/ChainPanel.razor.js").SetupVoid("measureBrowser", _ => true).SetVoidResult();
    }

    [Fact]
    public void Each_hops_own_time_is_its_total_less_the_hop_below_and_they_add_up_to_the_browsers()
    {
        var trace = new ChainTrace(1, ChainRequestKind.Limits, "limits of node1", 12.0, Limits, BrowserMs: 20.0);
        Assert.Equal(8.0, trace.BrowserOwnMs);
        Assert.Equal(3.0, trace.WebOwnMs);
        Assert.Equal(1.0, trace.RestMs);
        Assert.Equal(1.25, trace.DaemonOwnMs!.Value, 6);
        double sum = trace.BrowserOwnMs!.Value + trace.WebOwnMs + trace.RestMs!.Value + trace.DaemonOwnMs.Value + trace.RuntimeMs!.Value + trace.KernelMs!.Value;
        Assert.Equal(20.0, sum, 6);
    }

    [Fact]
    public void A_daemon_without_server_timing_leaves_its_hops_unmeasured_not_zero()
    {
        var trace = new ChainTrace(1, ChainRequestKind.Limits, "limits of node1", 12.0, new DaemonTiming(9.0, []));
        Assert.Null(trace.RestMs);
        Assert.Null(trace.DaemonOwnMs);
        Assert.Null(trace.RuntimeMs);
        Assert.Equal("not measured", ChainTrace.Ms(trace.KernelMs));
    }

    [Fact]
    public void The_browsers_report_is_kept_once_for_the_last_trace_and_only_when_it_encloses_the_webs_time()
    {
        var first = _log.Record(ChainRequestKind.Limits, "limits of node1", 12.0, Limits);
        var second = _log.Record(ChainRequestKind.Limits, "limits of node1", 12.0, Limits);
        Assert.False(_log.ReportBrowser(first.Id, 30)); // an older trace
        Assert.False(_log.ReportBrowser(second.Id, 5)); // shorter than the web's part: not this click
        Assert.False(_log.ReportBrowser(second.Id, double.NaN));
        Assert.True(_log.ReportBrowser(second.Id, 30));
        Assert.False(_log.ReportBrowser(second.Id, 40)); // once
        Assert.Equal(30, _log.Last!.BrowserMs);
    }

    [Fact]
    public void Before_any_request_the_chain_is_drawn_unlit_and_says_what_lights_it()
    {
        var cut = Render<ChainPanel>();
        Assert.Empty(cut.FindAll(".chain-ours.lit"));
        Assert.Contains("Change a limit or add a node", cut.Find(".chain-why").TextContent);
        Assert.Equal(new[] { "browser", "web", "daemon", "runtime", "kernel" }, cut.FindAll(".chain-ours .chain-hop").Select(g => g.GetAttribute("data-hop")));
        Assert.Equal(6, cut.FindAll(".chain-theirs .chain-hop").Count); // CLI, dockerd, containerd, shim, runc and the same kernel
        Assert.All(cut.FindAll(".chain-hop"), g => Assert.Equal("0", g.GetAttribute("tabindex")));
    }

    [Fact]
    public void A_recorded_limit_change_lights_every_hop_with_its_time_and_the_browsers_report_completes_it()
    {
        var cut = Render<ChainPanel>();
        var trace = _log.Record(ChainRequestKind.Limits, "limits of node1", 12.0, Limits);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".chain-ours.lit")));
        Assert.Equal(trace.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find(".chain-panel").GetAttribute("data-trace"));
        Assert.Equal("limits", cut.Find(".chain-panel").GetAttribute("data-trace-kind"));
        string Hop(string key) => cut.Find($".chain-ours .chain-hop[data-hop={key}] .chain-ms").TextContent;
        Assert.Equal("—", Hop("browser"));
        Assert.Equal("3.00 ms", Hop("web"));
        Assert.Equal("1.25 ms", Hop("daemon"));
        Assert.Equal("6.50 ms", Hop("runtime"));
        Assert.Equal("0.25 ms", Hop("kernel"));
        Assert.Contains("crun update", cut.Find(".chain-hop[data-hop=runtime] .chain-title").TextContent);
        Assert.Contains("50331648", cut.Find(".chain-hop[data-hop=kernel] .chain-sub").TextContent);
        Assert.Contains("1.00 ms", cut.Find(".chain-link[data-link='1'] text").TextContent);

        cut.InvokeAsync(() => cut.Instance.BrowserMeasured(trace.Id, 20.0));
        cut.WaitForAssertion(() => Assert.Equal("8.00 ms", Hop("browser")));
        Assert.Equal("true", cut.Find(".chain-panel").GetAttribute("data-browser-measured"));
        Assert.Contains("20.0 ms from click to answer", cut.Find(".chain-summary").TextContent);
    }

    [Fact]
    public void The_text_view_lists_the_same_hops_and_times_and_dockers_chain()
    {
        _log.Record(ChainRequestKind.NodeStart, "start node2", 300, new DaemonTiming(290,
            [new("daemon", 280, "containerlabd"), new("runtime", 200, "crun create + crun start"), new("kernel", 12, "overlay mounted by containerlabd")]));
        var cut = Render<ChainPanel>();
        cut.Find("button.view-toggle").Click();
        var items = cut.FindAll(".chain-text li[data-hop]");
        Assert.Equal(5, items.Count);
        Assert.Contains("68.0 ms", cut.Find(".chain-text li[data-hop=daemon]").TextContent);
        Assert.Contains("crun create + crun start", cut.Find(".chain-text li[data-hop=runtime]").TextContent);
        Assert.Contains("docker CLI → dockerd → containerd → containerd-shim-runc-v2 → runc", cut.Markup);
    }

    [Theory]
    [InlineData("daemon;dur=12.5;desc=\"containerlabd\", runtime;dur=8;desc=\"crun update, wrapped; \\\"v1\\\"\"", 2, "crun update, wrapped; \"v1\"")]
    [InlineData("daemon;dur=abc, ;dur=3, \"bad\";dur=1, runtime;dur=-1;desc=x", 2, "x")]
    public void Server_timing_is_parsed_with_quoted_descriptions_and_bad_values_dropped(string header, int count, string lastDescription)
    {
        var metrics = DaemonTiming.Parse([header]);
        Assert.Equal(count, metrics.Count);
        Assert.Equal(lastDescription, metrics[^1].Description);
        Assert.Equal("daemon", metrics[0].Name);
        Assert.Equal(header.Contains("abc", StringComparison.Ordinal) ? null : 12.5, metrics[0].DurationMs);
        Assert.Equal(header.Contains("-1", StringComparison.Ordinal) ? null : 8, metrics[^1].DurationMs);
    }
}
