using System.Net;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Components.Operations;
using ContainerLab.Web.Operations;
using ContainerLab.Web.Tests.Fakes;
using ContainerLab.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Operations;

/// <summary>The instructor's page of the server's load: CPU from two of the daemon's readings, memory, limits.</summary>
public sealed class ServerLoadTests : BunitContext
{
    private readonly TestSessions _lab = new(o => o.MaxSessions = 30);
    private readonly TestLabs _labs = new();

    public ServerLoadTests()
    {
        Services.AddSingleton(_lab.Registry);
        Services.AddSingleton(_lab.Limits);
        Services.AddSingleton<ContainerLab.Web.Sandboxes.ISandboxHost>(_lab.Host);
        Services.AddSingleton(_lab.Errors);
        Services.AddSingleton<TimeProvider>(_lab.Time);
        Services.AddMetrics();
        Services.AddSingleton(_labs.Progress);
        Services.AddSingleton<WebMetrics>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _labs.Dispose();
    }

    private static HostInfoDto Info(HostLoadDto load) => new()
    {
        Version = "v", Kernel = "k", CgroupMode = "v2", Runtime = "crun", RuntimeVersion = "1", StateDirectory = "/s", CgroupParent = "/p",
        Sandboxes = 3, MaxSandboxes = 100, Footprint = new FootprintDto(0, 0, 0, 0, 0, 0), Load = load,
    };

    [Fact]
    public void Cpu_is_the_busy_share_of_every_cpus_time_between_two_readings()
    {
        var before = Info(new HostLoadDto(2, 8L << 30, 6L << 30, 0, 0, 0, CpuBusySeconds: 100, CpuTotalSeconds: 1000, 1L << 30, SandboxCpuSeconds: 10));
        var after = Info(before.Load! with { CpuBusySeconds = 103, CpuTotalSeconds = 1006, SandboxCpuSeconds = 11.5 });
        var load = ServerLoad.Between(before, after);
        Assert.Equal(50, load.CpuPercent!.Value, 6);           // 3 busy CPU-seconds of 6 (2 cores for 3 s)
        Assert.Equal(25, load.SandboxCpuPercent!.Value, 6);    // 1.5 of them in the sandboxes' cgroup
        Assert.Equal(2L << 30, load.MemoryUsedBytes);
        Assert.Equal(25, load.MemoryPercent!.Value, 6);
        Assert.Null(ServerLoad.Between(null, after).CpuPercent); // one reading says nothing about a rate
        Assert.Null(ServerLoad.Between(after, before).CpuPercent); // nor does a counter that went back (a rebooted host)
    }

    [Fact]
    public async Task The_page_measures_then_follows_the_daemons_readings()
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        _lab.Host.Load = new HostLoadDto(2, 8L << 30, 6L << 30, 0.5, 0.25, 0.1, 100, 1000, 512L << 20, 10);
        var cut = Render<ServerLoadView>();
        cut.WaitForAssertion(() => Assert.Contains("measuring", cut.Markup), TimeSpan.FromSeconds(5));
        Assert.Contains("2.0 GiB</strong> used of 8.0 GiB", cut.Markup);
        Assert.Contains("the sandboxes 512 MiB", cut.Markup);
        Assert.Contains("of 30, with 0 nodes", cut.Markup);
        Assert.Contains("A node at most", cut.Markup);

        _lab.Host.Load = _lab.Host.Load with { CpuBusySeconds = 104.5, CpuTotalSeconds = 1006, SandboxCpuSeconds = 13 };
        _lab.Time.Advance(TimeSpan.FromSeconds(3));
        cut.WaitForAssertion(() => Assert.Contains("75%", cut.Markup), TimeSpan.FromSeconds(5));
        Assert.Contains("the sandboxes 50%", cut.Markup);
        await Task.CompletedTask;
    }
}

/// <summary>/server is an instructor's page.</summary>
public sealed class ServerPageAuthorizationTests : IAsyncLifetime
{
    private readonly TestWeb _web = new();

    public async Task InitializeAsync()
    {
        await _web.PrepareAsync();
        await _web.CreateAccountAsync("student", Roles.Student);
    }

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("student", "/account/denied")]
    public async Task Anyone_but_an_instructor_is_sent_away(string? user, string sentTo)
    {
        var browser = user is null ? _web.Browser() : await _web.SignedInAsync(user);
        var response = await browser.GetAsync("/server");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(sentTo, response.Headers.Location!.AbsolutePath);
    }
}
