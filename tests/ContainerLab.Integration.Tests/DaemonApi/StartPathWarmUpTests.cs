using ContainerLab.Integration.Tests.Sandboxes;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>
/// containerlabd's socket appears only once a throwaway sandbox has gone through the start path (Hosting/StartPathWarmUp).
/// Before it, the first student after a restart waited for everything done once per process: the first HTTP create
/// took 0.9 s against ~0.15 s for the next ones on a quiet machine, 2.5 s on a busy one (bench/start).
/// </summary>
public sealed class StartPathWarmUpTests
{
    [RootFact("root")]
    public async Task The_socket_appears_after_a_throwaway_sandbox_warmed_the_start_path_and_nothing_of_it_is_left()
    {
        await using var daemon = new DaemonProcess();

        await daemon.StartAsync();

        // The log line is written before the socket is renamed into place; its pipe to the test may lag a little.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!daemon.Log().Contains("Start path warmed up by a throwaway sandbox", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Contains("Start path warmed up by a throwaway sandbox", daemon.Log());
        Assert.DoesNotContain("warm-up sandbox failed", daemon.Log());
        Assert.False(File.Exists(daemon.SocketPath + ".warming"), "the private warm-up socket is still there");
        using var client = daemon.Client();
        Assert.Empty(await client.ListSandboxesAsync());
        var left = await HostObjects.CountWhenAsync(daemon, count => count.IsZero);
        Assert.True(left.IsZero, $"the warm-up left {left}\n{daemon.Log()}");
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(daemon.StateDirectory, "networks")));

        await daemon.StopAsync();
        Assert.False(File.Exists(daemon.SocketPath), "the stopped daemon left its socket");
    }
}
