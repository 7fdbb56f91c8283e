using System.Collections.Concurrent;
using System.Security.Cryptography;
using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images;
using ContainerLab.Engine.Namespaces;
using ContainerLab.Engine.Networking;
using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Runtime;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Snapshots;
using ContainerLab.Engine.Terminals;
using ContainerLab.Engine.Tracing;
using ContainerLab.Engine.Vms;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// The engine's front door: create, start, exec, stop and remove sandboxes. Each sandbox is an overlay
/// root (image layers idmapped into its own id range + a writable ext4 image of the disk limit's size), a cgroup under
/// <see cref="EngineOptions.CgroupParent"/>, new namespaces of every kind, started by the OCI runtime.
/// </summary>
public sealed partial class SandboxService : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Sandbox> _sandboxes = new();
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private readonly IdRangeAllocator _idRanges;
    private readonly UserNamespaceCache _userNamespaces = new();
    private readonly OrphanReaper _reaper;
    private readonly DiskImageTemplates _diskTemplates;

    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(60);

    public SandboxService(EngineOptions options, ImageStore images, ICgroupHierarchy cgroups, OciRuntime runtime)
    {
        Options = options;
        Images = images;
        Cgroups = cgroups;
        Runtime = runtime;
        Networks = new SessionNetworks(options.NetworksDirectory);
        _idRanges = new IdRangeAllocator(options.IdRangeBase, options.MaxSandboxes);
        _reaper = OrphanReaper.Start();
        Directory.CreateDirectory(options.SandboxesDirectory);
        Directory.CreateDirectory(options.RuntimeDirectory);
        // The first sandboxes should not wait for `unshare` to make their user namespace.
        _userNamespaces.Prewarm(Enumerable.Range(0, Math.Min(4, options.MaxSandboxes)).Select(_idRanges.SlotRange));
        // Nor for mkfs.ext4: sandboxes of the default disk limit copy a template formatted now.
        _diskTemplates = new DiskImageTemplates(options.DiskTemplatesDirectory);
        _diskTemplates.Prewarm(DiskShapeOf(SandboxLimits.Default));
    }

    public EngineOptions Options { get; }
    public ImageStore Images { get; }
    public ICgroupHierarchy Cgroups { get; }
    public OciRuntime Runtime { get; }
    public SessionNetworks Networks { get; }

    public IReadOnlyList<SandboxInfo> List() =>
        [.. _sandboxes.Values.Where(s => !s.Removed).OrderBy(s => s.CreatedAt).Select(Info)];

    /// <summary>By id, or by name when exactly one sandbox has it.</summary>
    public SandboxInfo Get(string idOrName) => Info(Find(idOrName));

    /// <param name="trace">Filled with the runtime processes run and the kernel work done here (the overlay mount), when given.</param>
    public async Task<SandboxInfo> CreateAsync(SandboxSpec spec, bool start, OperationTrace? trace = null, CancellationToken cancellationToken = default)
    {
        SandboxSpecValidator.Validate(spec, Options.Bounds);
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        if (spec.Kind == NodeKind.Vm)
            spec = VmNode.Runner(spec, hostname: spec.Name ?? id, mac: spec.Network == NetworkMode.Session ? GuestLink.MacFor(id) : null,
                accelerator: spec.Accelerator ?? await AcceleratorAsync().WaitAsync(cancellationToken).ConfigureAwait(false));
        try
        {
            await Images.ResolveAsync(spec.Image, cancellationToken).ConfigureAwait(false); // unknown image: NotFoundException before anything exists
        }
        catch (NotFoundException) when (spec.Kind == NodeKind.Vm)
        {
            throw new InvalidRequestException($"VM nodes need the '{VmNode.RunnerImage}' image (QEMU and the guest's kernel), which this server lacks: run scripts/build-vm-image.sh");
        }
        var timer = new StartupTimer();
        timer.Mark("request validated, image resolved");

        Sandbox sandbox;
        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sandboxes.Count >= Options.MaxSandboxes)
                throw new CapacityExceededException($"this server runs at most {Options.MaxSandboxes} sandboxes");
            if (spec.Kind == NodeKind.Vm && _sandboxes.Values.Count(s => s.Spec.Kind == NodeKind.Vm && !s.Removed) >= Options.MaxVmNodes)
                throw new CapacityExceededException(Options.MaxVmNodes == 0
                    ? "this server runs no VM nodes (containerlabd --max-vm-nodes 0)"
                    : $"this server runs at most {Options.MaxVmNodes} VM nodes at once, and all are in use: each boots a kernel of its own; remove one, or ask the administrator (containerlabd --max-vm-nodes)");
            RequireWithinSessionCeiling(spec.Session, spec.Limits, except: null);
            string name = spec.Name ?? id;
            if (_sandboxes.Values.Any(s => s.Name == name && s.Spec.Session == spec.Session && !s.Removed))
                throw new ConflictException($"a sandbox named '{name}' already exists{(spec.Session is null ? "" : $" in session '{spec.Session}'")}");
            sandbox = new Sandbox
            {
                Id = id,
                Name = name,
                Spec = spec,
                Ids = AllocateIds(),
                Directory = Path.Combine(Options.SandboxesDirectory, id),
                CgroupPath = $"{Options.CgroupParent.TrimEnd('/')}/{id}",
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Directory.CreateDirectory(sandbox.Directory);
            new SandboxRecord(id, name, spec.Session, sandbox.Ids.HostStart, sandbox.CreatedAt).Write(sandbox.Directory);
            _sandboxes[id] = sandbox;
        }
        finally
        {
            _createLock.Release();
        }

        // A runtime that hangs (a stuck mount, a full disk) must not hold the request forever.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CreateTimeout);
        try
        {
            await CreateCoreAsync(sandbox, start, timer, trace, deadline.Token).ConfigureAwait(false);
            if (start && sandbox.StartedAt is null)
                await StartCoreAsync(sandbox, timer, trace).ConfigureAwait(false);
            sandbox.Startup = timer.Steps;
            return Info(sandbox);
        }
        catch
        {
            await RemoveCoreAsync(sandbox).ConfigureAwait(false);
            throw;
        }
    }

    private async Task CreateCoreAsync(Sandbox sandbox, bool start, StartupTimer timer, OperationTrace? trace, CancellationToken cancellationToken)
    {
        // Released in RemoveCoreAsync: a delete or re-import of the image must not take the layers it stands on.
        sandbox.ImageLease = await Images.LeaseAsync(sandbox.Spec.Image, $"sandbox '{sandbox.Name}' ({sandbox.Id})", cancellationToken).ConfigureAwait(false);
        var image = sandbox.ImageLease.Image;
        var userNamespace = await _userNamespaces.GetAsync(sandbox.Ids).ConfigureAwait(false);
        timer.Mark("user namespace for id mapping ready");
        await _diskTemplates.CreateAsync(DiskShapeOf(sandbox.Spec.Limits), sandbox.Snapshot.DiskImage, cancellationToken).ConfigureAwait(false);
        timer.Mark("disk image copied from its template");
        OverlaySnapshotter.Mount(sandbox.Snapshot, [.. image.Layers.Select(l => l.Path)], sandbox.Ids, userNamespace);
        var mounted = timer.Mark($"overlay mounted ({image.Layers.Count} idmapped layer(s) + writable ext4 on a loop device)");
        // containerlabd's own kernel work, no runtime in between: loop device, ext4, open_tree + mount_setattr per layer, overlay.
        trace?.Add(new KernelWork(
            $"overlay mounted by containerlabd: {image.Layers.Count} idmapped layer{(image.Layers.Count == 1 ? "" : "s")} + writable ext4",
            TimeSpan.FromMilliseconds(mounted.Milliseconds)));

        // Small files: written synchronously (an async write of a few bytes costs more than it saves).
        WriteEtcFiles(sandbox);
        if (sandbox.Spec.Kind == NodeKind.Vm)
            sandbox.Agent = Vms.GuestAgent.Listen(sandbox.AgentDirectory, sandbox.Ids.HostStart);
        sandbox.Layout = new SandboxRuntimeLayout
        {
            RootfsPath = sandbox.Snapshot.Rootfs,
            CgroupsPath = sandbox.CgroupPath,
            Ids = sandbox.Ids,
            Hostname = sandbox.Name,
            HostsFile = sandbox.HostsFile,
            HostnameFile = sandbox.HostnameFile,
            AgentDirectory = sandbox.Agent is null ? null : sandbox.AgentDirectory,
            KvmDevice = sandbox.Spec.Accelerator is { UsesKvm: true } ? KvmDevice.Make(sandbox.Directory, sandbox.Ids.HostStart) : null,
            Devices = sandbox.Agent is not null && sandbox.Spec.Network == NetworkMode.Session ? [DeviceRules.Tun] : [],
            ImageEnvironment = image.Config.Env,
            ImageCommand = [.. image.Config.Entrypoint, .. image.Config.Cmd],
            ImageWorkingDirectory = image.Config.WorkingDir,
            InitBinary = Options.InitPath,
        };
        // An image's WorkingDir is the image author's input, as hostile as a request's: /proc/self/fd/N was how
        // runc CVE-2024-21626 was reached from an image.
        if (sandbox.Spec.WorkingDirectory is null)
            SandboxSpecValidator.ValidateWorkingDirectory(image.Config.WorkingDir, $"the WorkingDir of image '{sandbox.Spec.Image}'");
        var config = OciSpecBuilder.Build(sandbox.Spec, sandbox.Layout);
        MountTargets.Check(sandbox.Snapshot.Rootfs, config.Mounts); // the image's own paths: a 400 before the runtime fails on them
        if (sandbox.Layout.InitBinary is not null)
        {
            // The init starts whatever the command is; a command that is not there must still be the caller's 400.
            string command = config.Process.Args[2];
            string? path = config.Process.Env.FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?["PATH=".Length..];
            if (!CommandLookup.Exists(sandbox.Snapshot.Rootfs, command, path))
                throw new InvalidRequestException($"the command was not found in the sandbox: {command}: no such executable file in the image (PATH {path ?? CommandLookup.DefaultPath})");
        }
        File.WriteAllText(sandbox.ConfigFile, OciJson.Serialize(config));
        timer.Mark("OCI config.json written");

        // With no session network nothing has to happen between create and start: one `run --detach` call.
        bool runNow = start && sandbox.Spec.Network != NetworkMode.Session;
        string runtimeName = Runtime.Name;
        var init = await ProcessLauncher.LaunchAsync(sandbox.Directory, "init", config.Process.Args, sandbox.Spec.Tty,
            sandbox.Spec.TerminalSize, Options.ScrollbackBytes,
            (pidFile, console) => runNow
                ? Runtime.StartRunDetached(sandbox.Id, sandbox.Directory, pidFile, console)
                : Runtime.StartCreate(sandbox.Id, sandbox.Directory, pidFile, console), cancellationToken,
            runtimeExited: elapsed => trace?.Add(Runtime.Ran(runNow ? "run --detach" : "create", elapsed))).ConfigureAwait(false);
        sandbox.Init = init;
        lock (sandbox.Processes)
            sandbox.Processes[init.Id] = init;
        _ = init.Handle.Exited.ContinueWith(_ => sandbox.ExitedAt ??= DateTimeOffset.UtcNow, TaskScheduler.Default);
        if (runNow)
        {
            MarkStarted(sandbox);
            timer.Mark($"{runtimeName} run --detach (namespaces, cgroup, mounts; first process running)");
        }
        else
        {
            timer.Mark($"{runtimeName} create (namespaces, cgroup, mounts)");
        }

        if (sandbox.Spec.Network == NetworkMode.Session)
        {
            sandbox.Network = await Networks.AttachAsync(sandbox.Spec.Session!, sandbox.Id, sandbox.Name, init.Handle.Pid, cancellationToken)
                .ConfigureAwait(false);
            await RewriteSessionHostsFilesAsync(sandbox.Spec.Session!).ConfigureAwait(false);
            timer.Mark("session network attached");
            if (sandbox.Agent is not null)
            {
                await GuestLink.HandOverAsync(init.Handle.Pid, GuestLink.MacFor(sandbox.Id), sandbox.Ids.HostStart, cancellationToken).ConfigureAwait(false);
                timer.Mark("network handed over to the guest (tap0 and eth0 joined by tc)");
                sandbox.GuestAddressing = AddressGuestAsync(sandbox);
            }
        }
        // Loopback needs nothing: crun and runc bring lo up in the new network namespace themselves.
    }

    private static DiskShape DiskShapeOf(SandboxLimits limits) => new(limits.DiskBytes, limits.DiskInodes);

    /// <summary>Takes an id range and starts preparing the user namespace of the next one, so a class filling up never waits for it.</summary>
    private Namespaces.IdRange AllocateIds()
    {
        var range = _idRanges.Allocate();
        var next = _idRanges.SlotRange(Math.Min(_idRanges.Slots - 1, (int)((range.HostStart - _idRanges.BaseId) / range.Count) + 1));
        _userNamespaces.Prewarm([next]);
        return range;
    }

    /// <param name="trace">Filled with the runtime's `start`, when given.</param>
    public async Task<SandboxInfo> StartAsync(string idOrName, OperationTrace? trace = null)
    {
        var sandbox = Find(idOrName);
        await sandbox.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (sandbox.State != SandboxState.Created)
                throw new ConflictException($"sandbox '{sandbox.Name}' is {sandbox.State.ToString().ToLowerInvariant()}, not created");
            var timer = new StartupTimer();
            await StartCoreAsync(sandbox, timer, trace).ConfigureAwait(false);
            sandbox.Startup = [.. sandbox.Startup, .. timer.Steps];
            return Info(sandbox);
        }
        finally
        {
            sandbox.Lock.Release();
        }
    }

    private async Task StartCoreAsync(Sandbox sandbox, StartupTimer timer, OperationTrace? trace)
    {
        var run = await Runtime.StartAsync(sandbox.Id).ConfigureAwait(false);
        trace?.Add(run);
        MarkStarted(sandbox);
        timer.Mark($"{Runtime.Name} start (first process running)");
    }

    public async Task<SandboxProcessInfo> ExecAsync(string idOrName, ExecSpec exec, CancellationToken cancellationToken = default)
    {
        SandboxSpecValidator.Validate(exec);
        var sandbox = Find(idOrName);
        if (sandbox.Agent is { } agent) // a VM node: the command runs in the guest, not beside QEMU on the host's kernel
            await WaitForAgentAsync(sandbox, agent, exec, cancellationToken).ConfigureAwait(false);
        await sandbox.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sandbox.State != SandboxState.Running)
                throw new ConflictException($"sandbox '{sandbox.Name}' is {sandbox.State.ToString().ToLowerInvariant()}, not running");
            if (sandbox.Processes.Count >= Options.MaxProcessesPerSandbox)
                await PruneFinishedAsync(sandbox).ConfigureAwait(false);
            if (sandbox.Processes.Count >= Options.MaxProcessesPerSandbox)
                throw new CapacityExceededException($"sandbox '{sandbox.Name}' already has {Options.MaxProcessesPerSandbox} processes attached");
            string processId = $"exec-{++sandbox.ExecCount}";
            var process = sandbox.Agent is { } guest
                ? await StartInGuestAsync(guest, processId, exec, cancellationToken).ConfigureAwait(false)
                : await StartInContainerAsync(sandbox, processId, exec, cancellationToken).ConfigureAwait(false);
            lock (sandbox.Processes)
                sandbox.Processes[processId] = process;
            return process.ToInfo();
        }
        finally
        {
            sandbox.Lock.Release();
        }
    }

    private async Task<SandboxProcess> StartInContainerAsync(Sandbox sandbox, string processId, ExecSpec exec, CancellationToken cancellationToken)
    {
        string processJson = Path.Combine(sandbox.Directory, $"{processId}.json");
        await File.WriteAllTextAsync(processJson, OciJson.Serialize(OciProcessBuilder.ForExec(sandbox.Spec, sandbox.Layout!,
            exec.Command, exec.Tty, exec.WorkingDirectory, exec.Environment)), cancellationToken).ConfigureAwait(false);
        try
        {
            return await ProcessLauncher.LaunchAsync(sandbox.Directory, processId, exec.Command, exec.Tty, exec.TerminalSize,
                Options.ScrollbackBytes, (pidFile, console) => Runtime.StartExec(sandbox.Id, processJson, pidFile, console),
                cancellationToken, exec.Stdin).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(processJson);
        }
    }

    /// <summary>Forgets exec'd processes that have ended, to make room for new ones.</summary>
    private static async Task PruneFinishedAsync(Sandbox sandbox)
    {
        List<SandboxProcess> finished;
        lock (sandbox.Processes)
        {
            finished = [.. sandbox.Processes.Values.Where(p => p != sandbox.Init && !p.Running)];
            foreach (var process in finished)
                sandbox.Processes.Remove(process.Id);
        }
        foreach (var process in finished)
            await process.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The I/O of a process ("init" or an exec id) for attaching clients.</summary>
    public ProcessIo GetIo(string idOrName, string processId) => FindProcess(idOrName, processId).Io;

    /// <summary>Waits until the process exits and its output is drained; its exit code (null if unknown).</summary>
    public Task<int?> WaitAsync(string idOrName, string processId, CancellationToken cancellationToken = default) =>
        FindProcess(idOrName, processId).WaitAsync(cancellationToken);

    /// <summary>The signals a client may send to a process of a sandbox (by name, as kill -l spells them).</summary>
    public static readonly IReadOnlyDictionary<string, int> Signals = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["HUP"] = 1, ["INT"] = 2, ["KILL"] = 9, ["TERM"] = 15,
    };

    /// <summary>
    /// Signals an exec'd process (not "init": stop the sandbox for that), e.g. a lab check past its time. Through the
    /// daemon's pidfd, so it can only ever reach that process; its children are not signalled.
    /// </summary>
    public void Signal(string idOrName, string processId, string signal)
    {
        if (!Signals.TryGetValue(signal, out int number))
            throw new InvalidRequestException($"signal '{signal}' is not one of {string.Join(", ", Signals.Keys)}");
        if (processId == "init")
            throw new InvalidRequestException("the init process is signalled by stopping the sandbox");
        FindProcess(idOrName, processId).Handle.Signal(number);
    }

    private SandboxProcess FindProcess(string idOrName, string processId)
    {
        var sandbox = Find(idOrName);
        lock (sandbox.Processes)
            return sandbox.Processes.TryGetValue(processId, out var process)
                ? process
                : throw new NotFoundException("process", $"{sandbox.Name}/{processId}");
    }

    private Sandbox Find(string idOrName)
    {
        if (_sandboxes.TryGetValue(idOrName, out var byId) && !byId.Removed)
            return byId;
        var byName = _sandboxes.Values.Where(s => s.Name == idOrName && !s.Removed).Take(2).ToList();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new NotFoundException("sandbox", idOrName),
            _ => throw new ConflictException($"more than one sandbox is named '{idOrName}': use its id"),
        };
    }

    private SandboxInfo Info(Sandbox sandbox) => sandbox.ToInfo(Runtime.Name);
}
