using System.Diagnostics;
using System.Globalization;
using ContainerLab.Engine.Processes;

namespace ContainerLab.Engine.Runtime;

/// <summary>
/// Drives an OCI runtime binary (crun or runc) the way containerd's shim does: create (the runtime sets up
/// namespaces and cgroup, leaves the init process waiting), start, exec, kill, delete. The runtime exits
/// after each command; the processes it leaves are reparented to this (subreaper) process.
/// Its state lives under <see cref="StateRoot"/> (--root), separate from any other user of the runtime.
/// </summary>
public sealed class OciRuntime(OciRuntimeKind kind, string executable, string stateRoot, bool hideUnifiedCgroupMount)
{
    public OciRuntimeKind Kind { get; } = kind;

    /// <summary>The binary's own name, "crun" or "runc", as logs and timings spell it.</summary>
    public string Name { get; } = kind.ToString().ToLowerInvariant();

    public string Executable { get; } = executable;
    public string StateRoot { get; } = stateRoot;

    /// <summary>
    /// crun 1.8.1 refuses hybrid cgroup hosts whose unified mount has controllers; started in a private mount
    /// namespace in which /sys/fs/cgroup/unified is unmounted it sees a plain v1 host. The host's mounts are untouched.
    /// </summary>
    public bool HidesUnifiedCgroupMount { get; } = hideUnifiedCgroupMount;

    /// <summary>argv for one runtime command, with the hybrid-host wrapper when needed.</summary>
    public IReadOnlyList<string> Command(params string[] args)
    {
        var argv = new List<string>();
        if (HidesUnifiedCgroupMount)
            argv.AddRange(["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                "umount /sys/fs/cgroup/unified && exec \"$0\" \"$@\"", Executable]);
        else
            argv.Add(Executable);
        argv.AddRange(["--root", StateRoot]);
        argv.AddRange(args);
        return argv;
    }

    /// <summary>
    /// Starts `create`. The returned process's stdio is inherited by the container's init when it has no
    /// terminal, so the caller keeps the stdout/stderr pipes as the sandbox's output.
    /// </summary>
    public Process StartCreate(string id, string bundle, string pidFile, string? consoleSocket)
    {
        var args = new List<string> { "create", "--bundle", bundle, "--pid-file", pidFile };
        if (consoleSocket is not null)
            args.AddRange(["--console-socket", consoleSocket]);
        args.Add(id);
        return HostCommand.Start(Command([.. args]), redirectInput: true);
    }

    /// <summary>
    /// Starts `run --detach`: create and start in one runtime call, for sandboxes that need nothing done
    /// between the two (no session network to attach). Stdio is inherited as with <see cref="StartCreate"/>.
    /// </summary>
    public Process StartRunDetached(string id, string bundle, string pidFile, string? consoleSocket)
    {
        var args = new List<string> { "run", "--detach", "--bundle", bundle, "--pid-file", pidFile };
        if (consoleSocket is not null)
            args.AddRange(["--console-socket", consoleSocket]);
        args.Add(id);
        return HostCommand.Start(Command([.. args]), redirectInput: true);
    }

    /// <summary>Starts a detached `exec` of the process described by <paramref name="processJson"/>.</summary>
    public Process StartExec(string id, string processJson, string pidFile, string? consoleSocket)
    {
        var args = new List<string> { "exec", "--process", processJson, "--pid-file", pidFile, "--detach" };
        if (consoleSocket is not null)
            args.AddRange(["--console-socket", consoleSocket]);
        args.Add(id);
        return HostCommand.Start(Command([.. args]), redirectInput: true);
    }

    /// <summary>
    /// `start` only signals the waiting init through the container's exec fifo: it touches no cgroup, so it
    /// needs no wrapper even on hybrid hosts (saves a 2.6 ms unshare + sh + umount per start).
    /// </summary>
    public async Task<RuntimeRun> StartAsync(string id, CancellationToken cancellationToken = default)
    {
        long started = Stopwatch.GetTimestamp();
        await HostCommand.RunAsync([Executable, "--root", StateRoot, "start", id], cancellationToken: cancellationToken).ConfigureAwait(false);
        return new RuntimeRun($"{Name} start", Stopwatch.GetElapsedTime(started), InWrapper: false);
    }

    /// <summary>
    /// A <see cref="RuntimeRun"/> of a process started with <see cref="Command"/> (create, run --detach), which the
    /// caller waited for itself: <paramref name="command"/> as "create".
    /// </summary>
    public RuntimeRun Ran(string command, TimeSpan elapsed) => new($"{Name} {command}", elapsed, HidesUnifiedCgroupMount);

    public Task KillAsync(string id, int signal, bool all, CancellationToken cancellationToken = default) =>
        HostCommand.TryRunAsync(all
            ? Command("kill", "--all", id, signal.ToString(CultureInfo.InvariantCulture))
            : Command("kill", id, signal.ToString(CultureInfo.InvariantCulture)), cancellationToken: cancellationToken);

    /// <summary>
    /// `update --resources FILE`: writes the live cgroup limits of a running container through the same cgroup manager
    /// that created the cgroup (systemd's, where the runtime uses it). <paramref name="resources"/> is the object
    /// config.json carries at create (<see cref="Oci.OciSpecBuilder.LiveResources"/>). On v1 the runtime orders the
    /// memory and memsw writes itself (memory.limit_in_bytes must stay &lt;= memory.memsw.limit_in_bytes). Touches
    /// cgroups, so it runs in the hybrid-host wrapper.
    /// </summary>
    public async Task<RuntimeRun> UpdateAsync(string id, Oci.OciResources resources, string resourcesFile, CancellationToken cancellationToken = default)
    {
        await File.WriteAllTextAsync(resourcesFile, Oci.OciJson.Serialize(resources), cancellationToken).ConfigureAwait(false);
        long started = Stopwatch.GetTimestamp();
        var result = await HostCommand.TryRunAsync(Command("update", "--resources", resourcesFile, id), cancellationToken: cancellationToken).ConfigureAwait(false);
        var run = Ran("update", Stopwatch.GetElapsedTime(started));
        if (result.ExitCode != 0)
            throw new Errors.RuntimeCommandException($"{Kind} update", result.ExitCode, result.Stderr.Length > 0 ? result.Stderr : result.Stdout);
        return run;
    }

    /// <summary>`delete --force`: kills what is left and removes the runtime's state and the cgroup. Gone already is fine.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var result = await HostCommand.TryRunAsync(Command("delete", "--force", id), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && !IsNotFound(result.Stderr))
            throw new Errors.RuntimeCommandException($"{Kind} delete", result.ExitCode, result.Stderr);
    }

    /// <summary>Ids of the containers in this runtime's state root (for reconciliation after a crash).</summary>
    public IReadOnlyList<string> ListIds() =>
        Directory.Exists(StateRoot)
            ? Directory.EnumerateDirectories(StateRoot).Select(Path.GetFileName).OfType<string>().ToList()
            : [];

    public async Task<string> VersionAsync()
    {
        var result = await HostCommand.TryRunAsync([Executable, "--version"]).ConfigureAwait(false);
        return result.Stdout.Split('\n', 2)[0].Trim();
    }

    private static bool IsNotFound(string stderr) =>
        stderr.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("not found", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("No such file", StringComparison.OrdinalIgnoreCase);
}
