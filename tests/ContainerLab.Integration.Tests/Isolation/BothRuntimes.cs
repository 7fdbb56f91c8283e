namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// Two isolation daemons, one per OCI runtime: crun and runc build the same config.json into mounts in different
/// ways (on this hybrid host crun even runs with the unified cgroup mount hidden), so what a sandbox sees is
/// checked with both.
/// </summary>
public sealed class BothRuntimes : IAsyncLifetime
{
    public IsolationDaemon Crun { get; } = new("crun");
    public IsolationDaemon Runc { get; } = new("runc");

    public IsolationDaemon For(string runtime) => runtime switch
    {
        "crun" => Crun,
        "runc" => Runc,
        _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime, "crun or runc"),
    };

    public Task InitializeAsync() => Task.WhenAll(Crun.InitializeAsync(), Runc.InitializeAsync());

    public async Task DisposeAsync()
    {
        try { await Crun.DisposeAsync(); }
        finally { await Runc.DisposeAsync(); }
    }
}
