using Bunit;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Tests.Fakes;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class LimitControlsTests : BunitContext
{
    private readonly FakeSandboxHost _host = new();
    private static readonly InspectedCgroupDto Current = InspectionSamples.Cgroup(memoryLimit: 64L << 20, pidsLimit: 64, cpu: 0.5);

    private IRenderedComponent<LimitControls> Render()
    {
        _host.Seed("sb-1", null);
        return Render<LimitControls>(p => p.Add(c => c.SandboxId, "sb-1").Add(c => c.Host, _host).Add(c => c.Current, Current));
    }

    [Fact]
    public void Starts_from_the_limits_the_kernel_reports()
    {
        var cut = Render();
        Assert.Equal("64", cut.Find("input[name=memory]").GetAttribute("value"));
        Assert.Equal("64", cut.Find("input[name=pids]").GetAttribute("value"));
        Assert.Equal("0.5", cut.Find("input[name=cpus]").GetAttribute("value"));
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
        Assert.Contains("Applied: 32 MiB", cut.Find(".limit-message").TextContent);
    }

    [Fact]
    public void A_refusal_shows_the_daemons_reason()
    {
        var cut = Render();
        _host.Failure = FakeSandboxHost.Refused("memory 1048576 is outside the allowed range 16777216..4294967296");
        cut.Find("input[name=memory]").Change("1");
        cut.Find("form").Submit();
        Assert.Contains("Refused: memory 1048576 is outside the allowed range", cut.Find(".limit-message").TextContent);
        Assert.Null(cut.Find("button[type=submit]").GetAttribute("disabled"));
    }
}
