using System.Diagnostics;
using System.Text.RegularExpressions;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests.Infrastructure;

/// <summary>The real ContainerLab.Web from the build output, on 127.0.0.1 with a port the OS picks, talking to one daemon.</summary>
/// <param name="dataDirectory">A data folder the caller keeps (e.g. across a restart); default a fresh one, removed with the process.</param>
public sealed partial class WebProcess(string daemonSocket, IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null) : IAsyncDisposable
{
    private Process? _process;
    private readonly List<string> _log = [];

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The web's data folder (its SQLite file, keys/).</summary>
    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("clab-web-data-").FullName;

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet", [RepositoryPaths.WebDll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.WebDll)!,
        };
        info.Environment["CONTAINERLAB_SOCKET"] = daemonSocket;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        // Lab progress goes to a SQLite file of this test run; the labs are the repository's.
        info.Environment["ContainerLab__DataDirectory"] = DataDirectory;
        info.Environment["ContainerLab__LabsDirectory"] = Path.Combine(RepositoryPaths.Root, "labs");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        _process = Process.Start(info)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (_log) _log.Add(line);
            if (ListeningLine().Match(line) is { Success: true } match)
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
            throw new InvalidOperationException($"ContainerLab.Web did not start listening:\n{Log()}");
        BaseAddress = await listening.Task;
    }

    public string Log()
    {
        lock (_log) return string.Join('\n', _log);
    }

    /// <summary>Where the log is now: <see cref="LogSince"/> returns what was written after this point.</summary>
    public int LogMark()
    {
        lock (_log) return _log.Count;
    }

    public IReadOnlyList<string> LogSince(int mark)
    {
        lock (_log) return [.. _log.Skip(mark)];
    }

    /// <summary>Waits until a line written after <paramref name="mark"/> contains <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(int mark, string text, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!LogSince(mark).Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the web did not log '{text}' within {timeoutMs} ms:\n{string.Join('\n', LogSince(mark))}");
            await Task.Delay(50); // polling the captured output for a condition, not waiting a fixed time
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (dataDirectory is not null)
            return;
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
