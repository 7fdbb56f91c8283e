using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Api.Units;
using ContainerLab.Web.Sandboxes;

namespace ContainerLab.Web.Tests.Fakes;

/// <summary>
/// A sandbox host without sandboxes: hands out ids (sb-0001, ...) and addresses (10.88.0.2, ...), counts calls, and
/// fails every call with <see cref="Failure"/> while it is set, or holds every call until <see cref="Gate"/> completes.
/// </summary>
internal sealed class FakeSandboxHost : ISandboxHost
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SandboxDto> _sandboxes = [];
    private int _created;
    private int _processes;

    public List<CreateSandboxRequest> Created { get; } = [];
    public List<string> Removed { get; } = [];
    public List<(string SandboxId, TerminalSizeDto Size)> TerminalsOpened { get; } = [];

    /// <summary>Thrown by every call while set: a <see cref="ContainerLabApiException"/> or an <see cref="HttpRequestException"/>.</summary>
    public Exception? Failure { get; set; }

    /// <summary>While set and not completed, every call waits for it (to see the UI while a call is in flight).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>What <see cref="InspectAsync"/> answers (for any sandbox id); null = 404 like a sandbox the daemon does not know.</summary>
    public InspectionDto? Inspection { get; set; }

    /// <summary>The sandbox ids <see cref="InspectAsync"/> was called with, in order.</summary>
    public List<string> Inspected { get; } = [];

    /// <summary>What <see cref="InspectNetworkAsync"/> answers (for any sandbox id); null = 409 like a sandbox on no session network.</summary>
    public NetworkInspectionDto? Network { get; set; }

    /// <summary>The sandbox ids <see cref="InspectNetworkAsync"/> was called with, in order.</summary>
    public List<string> NetworkInspected { get; } = [];

    public IReadOnlyCollection<string> Running
    {
        get { lock (_lock) return [.. _sandboxes.Keys]; }
    }

    public static ContainerLabApiException Refused(string detail) => new(507, "Insufficient Storage", detail);

    public async Task<IReadOnlyList<SandboxDto>> ListAsync(CancellationToken cancellationToken)
    {
        await EnterAsync();
        lock (_lock) return [.. _sandboxes.Values];
    }

    /// <summary>What <see cref="ListImagesAsync"/> answers ("name:tag"); busybox:latest like a fresh daemon.</summary>
    public List<string> Images { get; } = ["busybox:latest"];

    public async Task<IReadOnlyList<ImageDto>> ListImagesAsync(CancellationToken cancellationToken)
    {
        await EnterAsync();
        return [.. Images.Select(i => new ImageDto(i.Split(':')[0], i.Split(':')[1], "sha256:0", [], DateTimeOffset.UnixEpoch))];
    }

    /// <summary>A sandbox that exists in the host without the registry knowing it (made by someone else, or before a restart).</summary>
    public void Seed(string id, string? session)
    {
        lock (_lock)
            _sandboxes[id] = new SandboxDto
            {
                Id = id, Name = id, Image = "busybox", State = "running", IdRange = "0-65535", Limits = new LimitsDto(),
                Profile = "default", Network = session is null ? "none" : "session", Session = session, Runtime = "fake",
                CgroupPath = "/containerlab/" + id, Processes = [], Startup = [],
            };
    }

    /// <summary>Makes a known sandbox a VM node with the accelerator the daemon would report.</summary>
    public void SetAccelerator(string id, string accelerator, string reason)
    {
        lock (_lock)
            _sandboxes[id] = _sandboxes[id] with { Kind = "vm", Accelerator = accelerator, AcceleratorReason = reason };
    }

    /// <summary>Gives a known sandbox the start-up steps the daemon would report.</summary>
    public void SetStartup(string id, IReadOnlyList<StartupStepDto> steps)
    {
        lock (_lock)
            _sandboxes[id] = _sandboxes[id] with { Startup = steps };
    }

    /// <summary>What the fake says its calls took (a real daemon's Server-Timing: docs/API.md).</summary>
    public DaemonTiming Timing { get; set; } = new(4.0,
        [new("daemon", 3.0, "containerlabd"), new("runtime", 2.0, "fake update"), new("kernel", 0.05, "memory.max = 1")]);

    public async Task<Traced<SandboxDto>> CreateNodeAsync(CreateSandboxRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync();
        lock (_lock)
        {
            Created.Add(request);
            int n = ++_created;
            var sandbox = new SandboxDto
            {
                Id = $"sb-{n:D4}",
                Name = request.Name ?? $"sandbox{n}",
                Image = request.Image,
                State = "running",
                IdRange = $"{100000 + 65536 * n}:65536",
                Limits = request.Limits ?? new LimitsDto(),
                Profile = request.Profile ?? "default",
                Network = request.Network ?? "none",
                Session = request.Session,
                Address = $"10.88.{n / 250}.{n % 250 + 2}",
                Runtime = "fake",
                CgroupPath = $"/containerlab/sb-{n:D4}",
                Processes = [new ProcessDto("init", request.Command ?? ["/bin/sh"], request.Tty, 1000 + n, true, null)],
                Startup = [],
            };
            _sandboxes[sandbox.Id] = sandbox;
            return new Traced<SandboxDto>(sandbox, Timing);
        }
    }

    public List<(string SandboxId, UpdateLimitsRequest Request)> LimitUpdates { get; } = [];

    public async Task<Traced<SandboxDto>> UpdateLimitsAsync(string sandboxId, UpdateLimitsRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync();
        lock (_lock)
        {
            LimitUpdates.Add((sandboxId, request));
            var current = _sandboxes[sandboxId];
            var updated = current with
            {
                Limits = current.Limits with { MemoryBytes = (request.Memory is { } memory ? Size.Parse(memory, "memory").Bytes : request.MemoryBytes) ?? current.Limits.MemoryBytes, Pids = request.Pids ?? current.Limits.Pids, Cpus = request.Cpus ?? current.Limits.Cpus },
            };
            _sandboxes[sandboxId] = updated;
            return new Traced<SandboxDto>(updated, Timing);
        }
    }

    public async Task RemoveAsync(string sandboxId, CancellationToken cancellationToken)
    {
        await EnterAsync();
        lock (_lock)
        {
            Removed.Add(sandboxId);
            _sandboxes.Remove(sandboxId);
        }
    }

    /// <summary>What <see cref="GetLimitBoundsAsync"/> answers: null like a daemon that does not say its bounds.</summary>
    public LimitBoundsDto? Bounds { get; set; }

    /// <summary>How often <see cref="GetLimitBoundsAsync"/> was called (GET /v1/info).</summary>
    public int BoundsReads { get; private set; }

    public async Task<LimitBoundsDto?> GetLimitBoundsAsync(CancellationToken cancellationToken)
    {
        await EnterAsync();
        lock (_lock)
        {
            BoundsReads++;
            return Bounds;
        }
    }

    /// <summary>What the machine's load reads as in <see cref="GetInfoAsync"/> (set by a test; else a quiet 2-core machine).</summary>
    public HostLoadDto Load { get; set; } = new(2, 8L << 30, 6L << 30, 0.1, 0.2, 0.3, 100, 1000, 0, 0);

    public async Task<HostInfoDto> GetInfoAsync(CancellationToken cancellationToken)
    {
        await EnterAsync();
        lock (_lock)
        {
            return new HostInfoDto
            {
                Version = "fake", Kernel = "6.1", CgroupMode = "v2", Runtime = "crun", RuntimeVersion = "1", StateDirectory = "/fake",
                CgroupParent = "/fake", Sandboxes = _sandboxes.Count, MaxSandboxes = 100, VmNodes = 0, MaxVmNodes = 2,
                Footprint = new FootprintDto(0, 0, 0, 0, 0, 0), Limits = Bounds, Load = Load,
            };
        }
    }

    /// <summary>Gives a known sandbox other limits (as the daemon would report them).</summary>
    public void SetLimits(string id, LimitsDto limits)
    {
        lock (_lock)
            _sandboxes[id] = _sandboxes[id] with { Limits = limits };
    }

    public async Task<SandboxDto> GetAsync(string sandboxId, CancellationToken cancellationToken)
    {
        await EnterAsync();
        lock (_lock)
            return _sandboxes.GetValueOrDefault(sandboxId) ?? throw new ContainerLabApiException(404, "Not Found", $"no sandbox '{sandboxId}'");
    }

    public async Task<ProcessDto> OpenTerminalAsync(string sandboxId, TerminalSizeDto size, CancellationToken cancellationToken)
    {
        await EnterAsync();
        lock (_lock)
        {
            TerminalsOpened.Add((sandboxId, size));
            return new ProcessDto($"p{++_processes}", ["/bin/sh"], true, 2000 + _processes, true, null);
        }
    }

    public async Task ResizeAsync(string sandboxId, string process, TerminalSizeDto size, CancellationToken cancellationToken) =>
        await EnterAsync();

    public Task<ProcessAttachment> AttachAsync(string sandboxId, string process, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the fake host has no terminals to attach to");

    public async Task<InspectionDto> InspectAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock) Inspected.Add(sandboxId);
        await EnterAsync();
        return Inspection ?? throw new ContainerLabApiException(404, "Not Found", $"no sandbox '{sandboxId}'");
    }

    public async Task<NetworkInspectionDto> InspectNetworkAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock) NetworkInspected.Add(sandboxId);
        await EnterAsync();
        return Network ?? throw new ContainerLabApiException(409, "Conflict", $"sandbox '{sandboxId}' is not on a session network");
    }

    /// <summary>The sandbox ids <see cref="SubscribeChangesAsync"/> was called with, in order.</summary>
    public List<string> Subscribed { get; } = [];

    /// <summary>Hands <paramref name="change"/> to the current subscriber of <paramref name="sandboxId"/> (or the next one).</summary>
    public void PushChange(string sandboxId, SandboxEventDto change) => ChangesOf(sandboxId).Writer.TryWrite(change);

    /// <summary>Ends the current change stream of <paramref name="sandboxId"/>, with <paramref name="error"/> thrown to its reader if given.</summary>
    public void EndChanges(string sandboxId, Exception? error = null)
    {
        lock (_lock)
        {
            if (_changes.Remove(sandboxId, out var channel))
                channel.Writer.TryComplete(error);
        }
    }

    public async IAsyncEnumerable<SandboxEventDto> SubscribeChangesAsync(
        string sandboxId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (_lock) Subscribed.Add(sandboxId);
        await EnterAsync();
        await foreach (var change in ChangesOf(sandboxId).Reader.ReadAllAsync(cancellationToken))
            yield return change;
    }

    private readonly Dictionary<string, System.Threading.Channels.Channel<SandboxEventDto>> _changes = [];

    private System.Threading.Channels.Channel<SandboxEventDto> ChangesOf(string sandboxId)
    {
        lock (_lock)
        {
            if (!_changes.TryGetValue(sandboxId, out var channel))
                _changes[sandboxId] = channel = System.Threading.Channels.Channel.CreateUnbounded<SandboxEventDto>();
            return channel;
        }
    }

    /// <summary>What <see cref="RunAsync"/> answers, by the script (its stdin, else the last argument of the command); default: exit 0, no output.</summary>
    public Func<string, ProcessOutput> Runs { get; set; } = _ => new ProcessOutput(0, "", "", false);

    /// <summary>(sandbox id, script, time limit, output cap) of every <see cref="RunAsync"/>, in order.</summary>
    public List<(string SandboxId, string Script, TimeSpan Timeout, int MaxOutputBytes)> Ran { get; } = [];

    public async Task<ProcessOutput> RunAsync(string sandboxId, ExecRequest request, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken)
    {
        // Lab scripts travel on stdin (ScriptRun); other runs are a plain command.
        string script = request.Stdin is { Length: > 0 } stdin ? System.Text.Encoding.UTF8.GetString(stdin) : request.Command[^1];
        lock (_lock) Ran.Add((sandboxId, script, timeout, maxOutputBytes));
        await EnterAsync();
        return Runs(script);
    }

    /// <summary>What <see cref="GetRuntimeConfigAsync"/> answers, by sandbox id; a missing id = 404.</summary>
    public Dictionary<string, string> RuntimeConfigs { get; } = [];

    /// <summary>The sandbox ids <see cref="GetRuntimeConfigAsync"/> was called with, in order.</summary>
    public List<string> RuntimeConfigsRead { get; } = [];

    public async Task<string> GetRuntimeConfigAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock) RuntimeConfigsRead.Add(sandboxId);
        await EnterAsync();
        lock (_lock)
            return RuntimeConfigs.GetValueOrDefault(sandboxId) ?? throw new ContainerLabApiException(404, "Not Found", $"no sandbox '{sandboxId}'");
    }

    /// <summary>What <see cref="ListLayerFilesAsync"/> answers, by layer and path (for any sandbox id); others are a 404 like the daemon's.</summary>
    public Dictionary<(int Layer, string Path), LayerDirectoryDto> LayerDirectories { get; } = [];

    /// <summary>The (sandbox, layer, path) <see cref="ListLayerFilesAsync"/> was called with, in order.</summary>
    public List<(string SandboxId, int Layer, string Path)> LayerListings { get; } = [];

    public void SeedLayerDirectory(int layer, string path, params LayerFileDto[] entries)
    {
        lock (_lock)
            LayerDirectories[(layer, path)] = new LayerDirectoryDto(layer, path, entries, Truncated: false);
    }

    public async Task<LayerDirectoryDto> ListLayerFilesAsync(string sandboxId, int layer, string path, CancellationToken cancellationToken)
    {
        lock (_lock) LayerListings.Add((sandboxId, layer, path));
        await EnterAsync();
        lock (_lock)
            return LayerDirectories.GetValueOrDefault((layer, path))
                ?? throw new ContainerLabApiException(404, "Not Found", $"layer {layer} directory '{path}' not found");
    }

    private async Task EnterAsync()
    {
        if (Gate is { } gate)
            await gate.Task;
        if (Failure is { } failure)
            throw failure;
    }
}
