using System.Diagnostics;
using System.Net.Sockets;
using ContainerLab.Api.Client;

namespace ContainerLab.TestSupport;

/// <summary>
/// A real containerlabd started from the build output, as root, with a state dir, socket, cgroup parent and
/// id range of its own, so several test classes (and a developer's own daemon) run side by side. Disposing
/// stops it gracefully and removes what it may have left: its state dir and its own cgroup prefix.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private const int IdBlocks = 240; // 240 * 128 * 65536 ids fit between 2^31 and 2^32
    private static readonly int s_firstBlock = Random.Shared.Next(IdBlocks);
    private static int s_instances;
    private Process? _process;

    private readonly IReadOnlyList<string> _options;
    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <param name="options">More daemon options, e.g. ["--max-node-memory", "512m"].</param>
    /// <param name="stateDirectory">Where the daemon keeps its state; default a fresh /tmp/clab-it-TAG.</param>
    /// <param name="environment">More environment variables for the daemon, e.g. NOTIFY_SOCKET.</param>
    public DaemonProcess(int maxSandboxes = 16, string runtime = "auto", IReadOnlyList<string>? options = null, string? stateDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        _options = options ?? [];
        _environment = environment ?? new Dictionary<string, string>();
        string tag = Guid.NewGuid().ToString("N")[..8];
        StateDirectory = stateDirectory ?? Path.Combine(Path.GetTempPath(), "clab-it-" + tag);
        SocketPath = Path.Combine(StateDirectory, "d.sock");
        CgroupParent = CgroupPrefix.New();
        // Distinct id ranges per daemon: blocks of 128 ranges of 65536 ids above 2^31, consecutive within one test
        // process and starting at a random block, so test processes running at once (CI rounds, developers) rarely meet.
        IdBase = 2_147_483_648u + (uint)((s_firstBlock + Interlocked.Increment(ref s_instances)) % IdBlocks) * 128u * 65536u;
        MaxSandboxes = maxSandboxes;
        Runtime = runtime;
        Directory.CreateDirectory(StateDirectory);
    }

    public string StateDirectory { get; }
    public string SocketPath { get; }
    public string CgroupParent { get; }
    public uint IdBase { get; }
    public int MaxSandboxes { get; }
    public string Runtime { get; }
    public string LogPath => Path.Combine(StateDirectory, "daemon.log");
    public int Pid => _process?.Id ?? 0;

    public ContainerLabClient Client() => new(SocketPath);

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { RepositoryPaths.DaemonDll, "--socket", SocketPath, "--state-dir", StateDirectory, "--cgroup-parent", CgroupParent,
            "--id-base", IdBase.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-sandboxes",
            MaxSandboxes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--runtime", Runtime }.Concat(_options))
            info.ArgumentList.Add(arg);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__containerlabd"] = "Information";
        foreach (var (name, value) in _environment)
            info.Environment[name] = value;
        _process = Process.Start(info)!;
        var log = File.AppendText(LogPath);
        log.AutoFlush = true;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var startGuard = TestTime.Scaled(TimeSpan.FromSeconds(60));
        var deadline = DateTime.UtcNow + startGuard;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"containerlabd exited with {_process.ExitCode}:\n{Log()}");
            if (await CanConnectAsync())
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"containerlabd did not listen on {SocketPath} within {startGuard.TotalSeconds:0} s:\n{Log()}");
    }

    /// <summary>kill -9: no shutdown code runs; sandboxes, mounts and cgroups stay behind for the next start to find.</summary>
    public async Task KillHardAsync()
    {
        if (_process is null)
            return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async Task StopAsync()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TestTime.Scaled(TimeSpan.FromSeconds(30)));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(); await _process.WaitForExitAsync(); }
        }
        _process.Dispose();
        _process = null;
    }

    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    private async Task<bool> CanConnectAsync()
    {
        if (!File.Exists(SocketPath))
            return false;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        CgroupPrefix.Remove(CgroupParent);
        try { Directory.Delete(StateDirectory, recursive: true); }
        catch (IOException) { }
    }
}
