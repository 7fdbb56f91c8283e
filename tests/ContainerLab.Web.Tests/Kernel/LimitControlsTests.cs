using Bunit;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Limits;
using ContainerLab.Web.Sessions;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ContainerLab.Web.Components.Kernel.Cgroups;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class LimitControlsTests : BunitContext
{
    private const long MiB = 1L << 20;
    private readonly FakeSandboxHost _host = new();
    private readonly WebOptions _options = new();
    private static readonly InspectedCgroupDto Current = InspectionSamples.Cgroup(memoryLimit: 64L << 20, pidsLimit: 64, cpu: 0.5);

    /// <summary>A daemon allowing 16 MiB..1 GiB, 2 CPUs and 1024 pids per node; 768 MiB, 2 CPUs and 2048 pids per session.</summary>
    private static readonly LimitBoundsDto Daemon = new(
        new LimitsDto { MemoryBytes = 16 * MiB, Cpus = 0.05, Pids = 8, DiskBytes = 8 * MiB },
        new LimitsDto { MemoryBytes = 1024 * MiB, Cpus = 2, Pids = 1024, DiskBytes = 1024 * MiB },
        new LimitsDto { MemoryBytes = 768 * MiB, Cpus = 2, Pids = 2048, DiskBytes = 2048 * MiB });

    public LimitControlsTests()
    {
        _host.Bounds = Daemon;
        Services.AddSingleton(new EffectiveLimitsCache(_host, Microsoft.Extensions.Options.Options.Create(_options), new ManualTimeProvider(),
            NullLogger<EffectiveLimitsCache>.Instance));
        Services.AddScoped<ContainerLab.Web.Components.Kernel.Chain.ChainLog>();
        Services.AddSingleton(new ContainerLab.Web.Sandboxes.SandboxHostErrors(NullLogger<ContainerLab.Web.Sandboxes.SandboxHostErrors>.Instance));
    }

    /// <summary>sb-1 (64 MiB) in session "web-a" with sb-2 (448 MiB) beside it; sb-3 of another session does not count.</summary>
    private IRenderedComponent<LimitControls> Render()
    {
        _host.Seed("sb-1", "web-a");
        _host.SetLimits("sb-1", new LimitsDto { MemoryBytes = 64 * MiB, Pids = 64, Cpus = 0.5 });
        _host.Seed("sb-2", "web-a");
        _host.SetLimits("sb-2", new LimitsDto { MemoryBytes = 448 * MiB, Pids = 256, Cpus = 1 });
        _host.Seed("sb-3", "web-b");
        _host.SetLimits("sb-3", new LimitsDto { MemoryBytes = 700 * MiB, Pids = 1000, Cpus = 2 });
        var cut = Render<LimitControls>(p => p.Add(c => c.SandboxId, "sb-1").Add(c => c.Host, _host).Add(c => c.Current, Current));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.Find(".limit-bounds[data-limit=memory]").TextContent));
        return cut;
    }

    [Fact]
    public void Starts_from_the_limits_the_kernel_reports()
    {
        var cut = Render();
        Assert.Equal("64", cut.Find("input[name=memory]").GetAttribute("value"));
        Assert.Equal("64", cut.Find("input[name=memory-slider]").GetAttribute("value"));
        Assert.Equal("64", cut.Find("input[name=pids]").GetAttribute("value"));
        Assert.Equal("0.5", cut.Find("input[name=cpus]").GetAttribute("value"));
    }

    [Fact]
    public void Controls_go_no_higher_than_what_the_session_leaves_within_the_node_ceiling()
    {
        _options.MaxNodeMemory = "512m"; // the web's ceiling, below the daemon's 1 GiB
        var cut = Render();
        // memory: per node min(512, 1024) = 512, but the session's 768 less sb-2's 448 leaves 320 for sb-1.
        Assert.Equal("320", cut.Find("input[name=memory]").GetAttribute("max"));
        Assert.Equal("320", cut.Find("input[name=memory-slider]").GetAttribute("max"));
        Assert.Equal("16", cut.Find("input[name=memory]").GetAttribute("min"));
        // pids: 1024 per node is less than the 2048 - 256 the session leaves; CPUs: 2 - 1 = 1.
        Assert.Equal("1024", cut.Find("input[name=pids]").GetAttribute("max"));
        Assert.Equal("1", cut.Find("input[name=cpus-slider]").GetAttribute("max"));
    }

    [Fact]
    public void Shows_the_ceilings_and_what_is_left_of_the_session()
    {
        _options.MaxNodeMemory = "512m";
        var cut = Render();
        // 768 - 448 (sb-2) - 64 (sb-1 itself) = 256 MiB not given to any node yet.
        Assert.Equal("up to 512 MiB per node, 768 MiB for your session, 256 MiB left", cut.Find(".limit-bounds[data-limit=memory]").TextContent);
        Assert.Equal("up to 1024 pids per node, 2048 pids for your session, 1728 pids left", cut.Find(".limit-bounds[data-limit=pids]").TextContent);
        Assert.Equal("up to 2 CPUs per node, 2 CPUs for your session, 0.5 CPU left", cut.Find(".limit-bounds[data-limit=cpus]").TextContent);
    }

    [Fact]
    public void A_value_above_the_webs_ceiling_is_refused_in_MiB_beside_the_control_and_never_sent()
    {
        _options.MaxNodeMemory = "256m";
        var cut = Render();
        cut.Find("input[name=memory]").Change("300");
        cut.Find("form").Submit();
        Assert.Empty(_host.LimitUpdates);
        var refusal = cut.Find(".limit-row:has(input[name=memory]) .limit-message.refused");
        Assert.Equal("Refused: memory 300 MiB is above this server's per-node ceiling of 256 MiB.", refusal.TextContent);
        Assert.Equal("true", cut.Find("input[name=memory]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void A_value_the_session_cannot_hold_is_refused_with_the_sessions_total()
    {
        var cut = Render();
        cut.Find("input[name=memory]").Change("400");
        cut.Find("form").Submit();
        Assert.Empty(_host.LimitUpdates);
        Assert.Equal("Refused: memory 400 MiB would take your session to 848 MiB, above this server's per-session ceiling of 768 MiB.",
            cut.Find(".limit-message.refused").TextContent);
    }

    [Fact]
    public void Applying_sends_the_new_limits_to_the_host_and_says_so()
    {
        var cut = Render();
        cut.Find("input[name=memory]").Change("32");
        cut.Find("form").Submit();
        var (id, request) = Assert.Single(_host.LimitUpdates);
        Assert.Equal("sb-1", id);
        Assert.Equal("32MiB", request.Memory);
        Assert.Equal(64, request.Pids);
        cut.WaitForAssertion(() => Assert.Contains("Applied: 32 MiB", cut.Find(".limit-message").TextContent));
        // The share is read again: sb-1 now holds 32 MiB, so 288 MiB of the session are left.
        cut.WaitForAssertion(() => Assert.EndsWith("288 MiB left", cut.Find(".limit-bounds[data-limit=memory]").TextContent));
    }

    [Fact]
    public void A_refusal_of_the_daemon_shows_beside_the_control_it_names()
    {
        var cut = Render();
        _host.Failure = FakeSandboxHost.Refused("memory 300 MiB is above this server's per-node ceiling of 256 MiB");
        cut.Find("input[name=memory]").Change("300");
        cut.Find("form").Submit();
        Assert.Equal("Refused: memory 300 MiB is above this server's per-node ceiling of 256 MiB",
            cut.Find(".limit-row:has(input[name=memory]) .limit-message.refused").TextContent);
        Assert.Null(cut.Find("button[type=submit]").GetAttribute("disabled"));
    }

    [Fact]
    public void Without_the_daemons_bounds_the_controls_have_no_maximum_and_still_apply()
    {
        _host.Bounds = null;
        _host.Seed("sb-1", null);
        var cut = Render<LimitControls>(p => p.Add(c => c.SandboxId, "sb-1").Add(c => c.Host, _host).Add(c => c.Current, Current));
        cut.WaitForAssertion(() => Assert.Equal("no ceiling per node", cut.Find(".limit-bounds[data-limit=memory]").TextContent));
        Assert.Null(cut.Find("input[name=memory]").GetAttribute("max"));
        cut.Find("input[name=memory]").Change("2048");
        cut.Find("form").Submit();
        Assert.Single(_host.LimitUpdates);
    }
}
