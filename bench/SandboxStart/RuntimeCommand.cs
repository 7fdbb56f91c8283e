using System.Diagnostics;

namespace ContainerLab.Bench.SandboxStart;

/// <summary>
/// One OCI runtime binary the way containerlabd drives it: with the hybrid-host wrapper when needed
/// (crun 1.8.1 refuses a hybrid host whose unified mount has controllers: docs/ARCHITECTURE.md), the same argv shape
/// as src/ContainerLab.Engine/Runtime/OciRuntime.cs, and stdin/stdout/stderr as pipes that the container's
/// init inherits, as the engine's are.
/// </summary>
internal sealed class RuntimeCommand(string name, string executable, string stateRoot, bool hideUnifiedCgroupMount)
{
    public string Name { get; } = name;
    public bool HidesUnifiedCgroupMount { get; } = hideUnifiedCgroupMount;

    public IReadOnlyList<string> Argv(params string[] args)
    {
        var argv = new List<string>();
        if (HidesUnifiedCgroupMount)
            argv.AddRange(["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                "umount /sys/fs/cgroup/unified && exec \"$0\" \"$@\"", executable]);
        else
            argv.Add(executable);
        argv.AddRange(["--root", stateRoot]);
        argv.AddRange(args);
        return argv;
    }

    /// <summary>
    /// Spawn to exit of one runtime command, in milliseconds. The caller keeps the returned process (its pipes are
    /// the container's stdio) until the container is deleted; a non-zero exit throws with the runtime's stderr.
    /// </summary>
    public async Task<(double Milliseconds, Process Process)> TimeAsync(params string[] args)
    {
        var argv = Argv(args);
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in argv.Skip(1))
            info.ArgumentList.Add(arg);
        long start = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {argv[0]}");
        process.StandardInput.Close();
        await process.WaitForExitAsync().ConfigureAwait(false);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            string stderr = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
            process.Dispose();
            throw new InvalidOperationException($"{Name} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Trim()}");
        }
        return (ms, process);
    }

    /// <summary>`delete --force` (not timed); a missing container is fine.</summary>
    public async Task DeleteAsync(string id)
    {
        var (_, process) = await TimeAsync("delete", "--force", id).ConfigureAwait(false);
        process.Dispose();
    }

    public async Task TryDeleteAsync(string id)
    {
        try { await DeleteAsync(id).ConfigureAwait(false); }
        catch (InvalidOperationException) { }
    }
}
