using System.Diagnostics;
using ContainerLab.Engine.Namespaces;
using ContainerLab.Engine.Runtime;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Sandboxes;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Runtime;

/// <summary>
/// An OCI bundle in a temp dir: a busybox rootfs owned by the id range the sandbox maps, per-sandbox
/// /etc/hosts and /etc/hostname files, and config.json written by <see cref="OciSpecBuilder"/>.
/// Runs it with runc or crun under a cgroup prefix of its own and removes everything it created.
/// </summary>
internal sealed class BusyboxBundle : IDisposable
{
    public const string Busybox = "/bin/busybox";
    private static readonly string[] Applets = ["sh", "cat", "grep", "echo", "unshare", "adjtimex", "linux32", "id", "hostname", "true", "sleep"];

    private readonly TempDirectory _dir = new("clab-ocispec-");
    private readonly string _cgroupPrefix = $"containerlab-test-{Guid.NewGuid():N}";

    public BusyboxBundle(string id, IdRange ids)
    {
        Id = id;
        Ids = ids;
        // The runtime's init runs as the mapped root, an unprivileged host uid: it must be able to
        // traverse to the bundle (CreateTempSubdirectory makes it 0700).
        Run("chmod", ["0711", _dir.Path], TimeSpan.FromSeconds(10)).ThrowIfFailed();
        var bin = Directory.CreateDirectory(_dir.Combine("bundle", "rootfs", "bin")).FullName;
        File.Copy(Busybox, Path.Combine(bin, "busybox"));
        foreach (var applet in Applets)
            File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        foreach (var dir in new[] { "proc", "sys", "dev", "etc", "tmp" })
            Directory.CreateDirectory(_dir.Combine("bundle", "rootfs", dir));
        File.WriteAllText(_dir.Combine("bundle", "hosts"), "127.0.0.1\tlocalhost\n10.0.0.2\tpeer\n");
        File.WriteAllText(_dir.Combine("bundle", "hostname"), $"{id}\n");
        // chown -R -h: root inside (HostStart outside) owns its root filesystem and files.
        Run("chown", ["-R", "-h", $"{ids.HostStart}:{ids.HostStart}", _dir.Combine("bundle")], TimeSpan.FromSeconds(30)).ThrowIfFailed();
    }

    public string Id { get; }
    public IdRange Ids { get; }
    public string BundlePath => _dir.Combine("bundle");
    public string CgroupsPath => $"/{_cgroupPrefix}/{Id}";

    public SandboxRuntimeLayout Layout => new()
    {
        RootfsPath = _dir.Combine("bundle", "rootfs"),
        CgroupsPath = CgroupsPath,
        Ids = Ids,
        Hostname = Id,
        HostsFile = _dir.Combine("bundle", "hosts"),
        HostnameFile = _dir.Combine("bundle", "hostname"),
    };

    public void WriteConfig(SandboxSpec spec) =>
        File.WriteAllText(Path.Combine(BundlePath, "config.json"), OciJson.Serialize(OciSpecBuilder.Build(spec, Layout)));

    /// <summary>`run` in the foreground: the container's stdout is the pipe we read. Deletes it afterwards.</summary>
    public CommandResult Run(string runtime)
    {
        try
        {
            return Runtime(runtime, ["run", "--bundle", BundlePath, Id]);
        }
        finally
        {
            Runtime(runtime, ["delete", "-f", Id]);
        }
    }

    /// <summary>`run -d` with stdio on /dev/null (else the container would hold our pipes open).</summary>
    public CommandResult RunDetached(string runtime) =>
        Runtime(runtime, ["run", "-d", "--bundle", BundlePath, Id], detachStdio: true);

    public CommandResult Exec(string runtime, string processJsonPath) =>
        Runtime(runtime, ["exec", "--process", processJsonPath, Id]);

    public CommandResult Delete(string runtime) => Runtime(runtime, ["delete", "-f", Id]);

    /// <summary>
    /// runc as is. crun 1.8.1 refuses this hybrid host ("cgroups in hybrid mode not supported") while the
    /// unified hierarchy is mounted; in a private mount namespace of its own the unmount never reaches the host.
    /// </summary>
    private CommandResult Runtime(string runtime, IReadOnlyList<string> args, bool detachStdio = false)
    {
        var redirect = detachStdio ? " >/dev/null 2>&1 </dev/null" : "";
        string[] command = runtime switch
        {
            "runc" => ["sh", "-c", $"exec \"$@\"{redirect}", "sh", "runc", "--root", _dir.Combine("runc"), .. args],
            "crun" => ["unshare", "-m", "--propagation", "private", "sh", "-c",
                $"umount /sys/fs/cgroup/unified && exec \"$@\"{redirect}", "sh", "crun", "--root", _dir.Combine("crun"), .. args],
            _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime, "runc or crun"),
        };
        return Run(command[0], command[1..], TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        RemoveOwnCgroups();
        _dir.Dispose();
    }

    /// <summary>rmdir (never anything else) of our prefix in each mounted hierarchy, deepest first.</summary>
    private void RemoveOwnCgroups()
    {
        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            if (new DirectoryInfo(hierarchy).LinkTarget is not null)
                continue; // cpu -> cpu,cpuacct: the same hierarchy under another name
            var own = Path.Combine(hierarchy, _cgroupPrefix);
            if (!Directory.Exists(own))
                continue;
            foreach (var child in Directory.EnumerateDirectories(own, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
                TryRmdir(child);
            TryRmdir(own);
        }
    }

    private static void TryRmdir(string path)
    {
        try { Directory.Delete(path, recursive: false); }
        catch (IOException) { }
    }

    internal static CommandResult Run(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }
        return new CommandResult($"{file} {string.Join(' ', args)}", process.ExitCode, stdout.Result, stderr.Result);
    }
}

internal sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public CommandResult ThrowIfFailed() => ExitCode == 0 ? this
        : throw new InvalidOperationException($"{Command} exited {ExitCode}: {Stderr}");

    public override string ToString() => $"{Command} -> exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
