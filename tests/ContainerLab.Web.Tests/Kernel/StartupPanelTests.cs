using Bunit;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Tests.Fakes;
using ContainerLab.Web.Components.Kernel.Startup;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class StartupPanelTests : BunitContext
{
    private readonly FakeSandboxHost _host = new();

    [Fact]
    public void Shows_each_step_with_its_duration_and_the_total()
    {
        _host.Seed("sb-1", null);
        _host.SetStartup("sb-1",
        [
            new StartupStepDto("overlay mounted (1 idmapped layer(s) + writable tmpfs)", 1.5),
            new StartupStepDto("crun run --detach (namespaces, cgroup, mounts; first process running)", 20.25),
        ]);
        var cut = Render<StartupPanel>(p => p.Add(c => c.SandboxId, "sb-1").Add(c => c.Host, _host));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("g.startup-step").Count), TimeSpan.FromSeconds(10));
        Assert.Contains("20.3 ms · crun run --detach", cut.FindAll("g.startup-step")[1].TextContent);
        Assert.Contains("(21.8 ms in all)", cut.Find("h3").TextContent);
        Assert.All(cut.FindAll("g.startup-step"), g => Assert.Equal("0", g.GetAttribute("tabindex")));
    }

    [Fact]
    public void The_config_json_the_runtime_was_given_is_below_the_steps_and_nothing_is_fetched_again_on_rerender()
    {
        _host.Seed("sb-3", null);
        _host.SetStartup("sb-3", [new StartupStepDto("crun create (namespaces, cgroup, mounts)", 12)]);
        _host.RuntimeConfigs["sb-3"] = """{ "hostname": "sb-3" }""";
        var cut = Render<StartupPanel>(p => p.Add(c => c.SandboxId, "sb-3").Add(c => c.Host, _host));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("details.runtime-config .config-line[data-path=hostname]")), TimeSpan.FromSeconds(10));
        Assert.Equal("config.json the runtime was given", cut.Find("details.runtime-config > summary").TextContent);

        // Start-up steps and config.json do not change: a parent's re-render (every inspection) asks for neither again.
        _host.SetStartup("sb-3", []);
        cut.Render();
        Assert.Single(cut.FindAll("g.startup-step"));
        Assert.Equal(["sb-3"], _host.RuntimeConfigsRead);
    }

    [Fact]
    public void A_vm_node_says_which_accelerator_runs_its_processor_and_why_a_container_says_nothing()
    {
        _host.Seed("vm-1", null);
        _host.SetAccelerator("vm-1", "tcg", "this server has no /dev/kvm, so QEMU emulates the guest's processor in software (TCG)");
        _host.SetStartup("vm-1", [new StartupStepDto("guest agent answered (exec works)", 2900)]);
        var cut = Render<StartupPanel>(p => p.Add(c => c.SandboxId, "vm-1").Add(c => c.Host, _host).Add(c => c.IsVm, true));
        cut.WaitForAssertion(() => Assert.Equal("Processor: TCG: this server has no /dev/kvm, so QEMU emulates the guest's processor in software (TCG).",
            cut.Find(".vm-accelerator").TextContent), TimeSpan.FromSeconds(10));

        _host.Seed("sb-9", null);
        _host.SetStartup("sb-9", [new StartupStepDto("crun create", 12)]);
        var container = Render<StartupPanel>(p => p.Add(c => c.SandboxId, "sb-9").Add(c => c.Host, _host));
        container.WaitForAssertion(() => Assert.Single(container.FindAll("g.startup-step")), TimeSpan.FromSeconds(10));
        Assert.Empty(container.FindAll(".vm-accelerator"));
    }

    [Fact]
    public void No_steps_or_an_unreachable_host_say_so()
    {
        _host.Seed("sb-2", null);
        var cut = Render<StartupPanel>(p => p.Add(c => c.SandboxId, "sb-2").Add(c => c.Host, _host));
        cut.WaitForAssertion(() => Assert.Contains("No start-up steps recorded", cut.Find(".startup-empty").TextContent), TimeSpan.FromSeconds(10));

        _host.Failure = new HttpRequestException("down");
        var failed = Render<StartupPanel>(p => p.Add(c => c.SandboxId, "sb-2").Add(c => c.Host, _host));
        failed.WaitForAssertion(() => Assert.Contains("not available", failed.Find(".startup-empty").TextContent), TimeSpan.FromSeconds(10));
    }
}
