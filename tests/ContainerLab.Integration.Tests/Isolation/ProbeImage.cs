using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.Text;
using ContainerLab.Api.Client;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// The "probe" image: busybox (every applet linked in /bin) plus tests/probes/syscall-probe.c built static,
/// for the syscalls busybox has no applet for. Compiled once per test run, imported once per daemon as a
/// plain rootfs tar through the API, the way a student's own image would arrive.
/// </summary>
internal static class ProbeImage
{
    public const string Name = "probe";
    public const string ProbePath = "/bin/syscall-probe";

    private static readonly DateTimeOffset s_epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<Task<byte[]>> s_rootfs = new(BuildRootfsAsync);

    /// <summary>Imports the image into the daemon behind <paramref name="client"/>.</summary>
    public static async Task ImportAsync(ContainerLabClient client)
    {
        byte[] tar = await s_rootfs.Value;
        using var stream = new MemoryStream(tar, writable: false);
        await client.ImportImageAsync(stream, Name, "rootfs");
    }

    private static async Task<byte[]> BuildRootfsAsync()
    {
        string source = Path.Combine(RepositoryPaths.Root, "tests", "probes", "syscall-probe.c");
        string output = Path.Combine(Path.GetTempPath(), $"clab-syscall-probe-{Environment.ProcessId}");
        try
        {
            await RunAsync("gcc", "-static", "-O2", "-Wall", "-o", output, source);
            string[] applets = (await RunAsync("/bin/busybox", "--list")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return BuildTar(File.ReadAllBytes("/bin/busybox"), File.ReadAllBytes(output), applets);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static byte[] BuildTar(byte[] busybox, byte[] probe, IEnumerable<string> applets)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (dir, mode) in new[] { ("bin", 0x1ED), ("dev", 0x1ED), ("etc", 0x1ED), ("proc", 0x16D), ("root", 0x1C0), ("sys", 0x16D), ("tmp", 0x3FF), ("mnt", 0x1ED) })
                writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, dir) { Mode = (UnixFileMode)mode, ModificationTime = s_epoch });
            AddFile(writer, "bin/busybox", busybox, 0x1ED);
            AddFile(writer, "bin/syscall-probe", probe, 0x1ED);
            foreach (string applet in applets.Where(a => a is not "busybox" && !a.Contains('/')).Distinct())
                writer.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox", Mode = (UnixFileMode)0x1FF, ModificationTime = s_epoch });
            AddFile(writer, "etc/passwd", Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"), 0x1A4);
            AddFile(writer, "etc/group", Encoding.ASCII.GetBytes("root:x:0:\nnogroup:x:65534:\n"), 0x1A4);
        }
        return tar.ToArray();
    }

    private static void AddFile(TarWriter writer, string path, byte[] content, int mode) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, path)
        {
            DataStream = new MemoryStream(content, writable: false), Mode = (UnixFileMode)mode, ModificationTime = s_epoch,
        });

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{program} not found ({e.Message}): the isolation tests build a static C probe; apt-get install gcc libc6-dev", e);
        }
        using (process)
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"{program} {string.Join(' ', args)} exited with {process.ExitCode} (for gcc -static: apt-get install gcc libc6-dev):\n{await stderr}");
            return stdout;
        }
    }
}
