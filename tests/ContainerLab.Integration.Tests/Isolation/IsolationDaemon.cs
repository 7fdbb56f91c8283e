using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// One real containerlabd per isolation test class (a class fixture), with the probe image imported on first
/// use. Sandboxes made through <see cref="StartAsync"/> are removed when the test's lease is disposed; the
/// fixture then checks that the daemon's footprint (sandbox dirs, mounts, cgroups, session namespaces,
/// runtime states) is back to zero, so a leak fails the run instead of piling up on the host.
/// </summary>
public sealed class IsolationDaemon : IAsyncLifetime
{
    private readonly SemaphoreSlim _probeLock = new(1, 1);
    private bool _probeImported;

    /// <summary>A daemon with the host's default runtime (crun where installed).</summary>
    public IsolationDaemon() : this("auto") { }

    /// <summary>Not public: xunit makes class fixtures through their one public constructor.</summary>
    internal IsolationDaemon(string runtime) => Daemon = new DaemonProcess(runtime: runtime);

    public DaemonProcess Daemon { get; }
    public ContainerLabClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess && !Requirements.InCi)
            return;
        await Daemon.StartAsync();
        Client = Daemon.Client();
    }

    /// <summary>Imports the probe image (busybox + syscall-probe) into this daemon once.</summary>
    public async Task EnsureProbeImageAsync()
    {
        await _probeLock.WaitAsync();
        try
        {
            if (!_probeImported)
                await ProbeImage.ImportAsync(Client);
            _probeImported = true;
        }
        finally
        {
            _probeLock.Release();
        }
    }

    /// <summary>Creates and starts a sandbox (default command: sleep 3600); dispose the lease to remove it.</summary>
    public async Task<SandboxLease> StartAsync(CreateSandboxRequest request)
    {
        if (request.Image == ProbeImage.Name)
            await EnsureProbeImageAsync();
        var sandbox = await Client.CreateSandboxAsync(request.Command is null ? request with { Command = ["sleep", "3600"] } : request);
        return new SandboxLease(Client, sandbox);
    }

    public Task<SandboxLease> StartAsync(string image = "busybox", string profile = "default") =>
        StartAsync(new CreateSandboxRequest { Image = image, Profile = profile });

    public async Task DisposeAsync()
    {
        if (Client is not null)
        {
            try
            {
                foreach (var leftover in await Client.ListSandboxesAsync())
                    await Client.RemoveSandboxAsync(leftover.Id, force: true);
                var footprint = (await Client.GetInfoAsync()).Footprint;
                if (footprint != new FootprintDto(0, 0, 0, 0, 0, 0))
                    throw new InvalidOperationException($"the daemon left a footprint after removing every sandbox: {footprint}\n{Daemon.Log()}");
            }
            finally
            {
                Client.Dispose();
                await Daemon.DisposeAsync();
            }
        }
    }
}

/// <summary>A running sandbox that a test owns; disposing removes it (force).</summary>
public sealed class SandboxLease(ContainerLabClient client, SandboxDto sandbox) : IAsyncDisposable
{
    public SandboxDto Sandbox { get; } = sandbox;
    public string Id => Sandbox.Id;

    public Task<CommandResult> ShAsync(string script) => client.ShAsync(Id, script);
    public Task<CommandResult> ExecAsync(params string[] command) => client.ExecAsync(Id, command);

    /// <summary>Runs /bin/syscall-probe NAME [ARGS] (probe image only).</summary>
    public Task<CommandResult> ProbeAsync(params string[] args) => client.ExecAsync(Id, [ProbeImage.ProbePath, .. args]);

    public async ValueTask DisposeAsync() => await client.RemoveSandboxAsync(Id, force: true);
}
