using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Infrastructure;

/// <summary>One real containerlabd shared by the tests of a class (IClassFixture), started only where the tests can run.</summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    public DaemonProcess Daemon { get; } = new();

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? Daemon.StartAsync() : Task.CompletedTask;

    public async Task DisposeAsync() => await Daemon.DisposeAsync();
}
