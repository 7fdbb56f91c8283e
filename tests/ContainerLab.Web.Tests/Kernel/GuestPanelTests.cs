using Bunit;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel.Guest;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>A VM node's guest, read through its agent: the probe's output read, and the panel following the guest once it booted.</summary>
public sealed class GuestPanelTests : BunitContext
{
    private const string Output = """
        release 6.1.0-28-amd64
        uptime 42.17
        MemTotal: 190012
        MemAvailable: 150004
        process 1 init
        process 57 clab-agent
        process 58 sh
        kernel-threads 61
        """;

    private readonly FakeSandboxHost _host = new();

    public GuestPanelTests() => Services.AddSingleton(TimeProvider.System);

    [Fact]
    public void The_probes_output_gives_kernel_uptime_memory_and_processes_in_pid_order()
    {
        var view = GuestView.Parse(Output.Replace("process 1 init\n", "") + "\nprocess 1 init\n")!;
        Assert.Equal("6.1.0-28-amd64", view.Release);
        Assert.Equal(42.17, view.UptimeSeconds);
        Assert.Equal((190012, 150004), (view.MemTotalKib, view.MemAvailableKib));
        Assert.Equal([1, 57, 58], view.Processes.Select(p => p.Pid));
        Assert.Equal("clab-agent", view.Processes[1].Name);
        Assert.Equal(61, view.KernelThreads);
    }

    [Theory]
    [InlineData("")]
    [InlineData("release 6.1.0\nuptime x\nMemTotal: 1\nMemAvailable: 1\nkernel-threads 0")]
    [InlineData("hello from a guest that is not ours")]
    public void An_answer_without_what_the_probe_prints_is_no_view(string output) => Assert.Null(GuestView.Parse(output));

    [Fact]
    public void A_name_with_spaces_stays_whole_and_the_list_is_capped()
    {
        string many = string.Concat(Enumerable.Range(2, GuestView.MaxProcesses + 50).Select(i => $"process {i} worker {i}\n"));
        var view = GuestView.Parse(Output + "\n" + many)!;
        Assert.Equal(GuestView.MaxProcesses, view.Processes.Count);
        Assert.Contains(view.Processes, p => p.Name == "worker 2");
    }

    [Fact]
    public void Waits_for_the_boot_then_shows_the_guests_kernel_memory_and_processes()
    {
        _host.Seed("vm-1", null);
        _host.Runs = _ => new ProcessOutput(0, Output, "", false);
        var cut = Render<GuestPanel>(p => p.Add(c => c.SandboxId, "vm-1").Add(c => c.Host, _host).Add(c => c.Node, "vm1"));
        Assert.Contains("Waiting for the guest to boot", cut.Find(".guest-waiting").TextContent);
        Assert.Empty(_host.Ran); // nothing is asked of a guest whose agent has not answered

        cut.Render(p => p.Add(c => c.Booted, true));
        cut.WaitForAssertion(() => Assert.Contains("6.1.0-28-amd64", cut.Find(".guest-release").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("booted 42 s ago", cut.Find(".guest-release").TextContent);
        Assert.StartsWith("185 MiB managed by the guest's kernel, 146 MiB of it available", cut.Find(".guest-memory").TextContent.Trim());
        Assert.Equal(["pid 1 init", "pid 57 clab-agent", "pid 58 sh"], cut.FindAll(".guest-processes li").Select(li => li.TextContent));
        Assert.Contains("61 kernel threads not listed", cut.Find(".guest-count").TextContent);
        Assert.Contains("Inside vm1", cut.Find("h3").TextContent);
        Assert.Equal("vm-1", _host.Ran[0].SandboxId);
    }

    [Fact]
    public void A_probe_that_fails_keeps_the_last_view_and_says_why()
    {
        _host.Seed("vm-2", null);
        _host.Runs = _ => new ProcessOutput(0, Output, "", false);
        var cut = Render<GuestPanel>(p => p.Add(c => c.SandboxId, "vm-2").Add(c => c.Host, _host).Add(c => c.Booted, true));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".guest-processes li").Count), TimeSpan.FromSeconds(10));

        _host.Runs = _ => new ProcessOutput(null, "", "", false, TimedOut: true);
        cut.WaitForAssertion(() => Assert.Contains("did not answer within 10 s", cut.Find(".guest-waiting").TextContent), TimeSpan.FromSeconds(15));
        Assert.Equal(3, cut.FindAll(".guest-processes li").Count);
    }
}
