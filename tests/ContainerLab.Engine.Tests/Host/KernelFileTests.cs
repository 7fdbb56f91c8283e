using System.Diagnostics;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Tests.Host;

/// <summary>Kernel files read with open, read and close: the same text as File.ReadAllText, null when not there.</summary>
public sealed class KernelFileTests
{
    [Fact]
    public void A_proc_file_reads_the_same_as_through_FileStream()
    {
        // The limits of this process do not change between the two reads.
        string expected = File.ReadAllText("/proc/self/limits");
        Assert.Equal(expected, KernelFile.ReadOrNull("/proc/self/limits"));
    }

    [Fact]
    public void A_file_longer_than_the_first_buffer_is_read_whole()
    {
        // The kernel's seq_file hands out at most a page per read: 20 KiB of text takes several reads and buffer growths.
        using var dir = new TestSupport.TempDirectory();
        string path = Path.Combine(dir.Path, "long");
        string text = string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i:D4}\n"));
        File.WriteAllText(path, text);
        Assert.Equal(text, KernelFile.ReadOrNull(path));
        // A kernel file bigger than a page: every mapping of this process (a .NET process has hundreds).
        Assert.True(KernelFile.ReadOrNull("/proc/self/maps")!.Split('\n').Length > 100);
    }

    [Fact]
    public void A_missing_file_or_directory_is_null()
    {
        Assert.Null(KernelFile.ReadOrNull("/proc/self/no-such-file"));
        Assert.Null(KernelFile.ReadOrNull("/sys/fs/cgroup/no-such-cgroup/cgroup.procs"));
        Assert.Null(KernelFile.ReadOrNull("/proc/self/status/below-a-file")); // ENOTDIR
    }

    [Fact]
    public void A_reaped_process_reads_as_null_and_other_failures_throw()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Null(KernelFile.ReadOrNull($"/proc/{process.Id}/status"));
        // A directory is not "not there": EISDIR is a defect of the caller and says so with the path.
        var e = Assert.Throws<KernelCallException>(() => KernelFile.ReadOrNull("/proc/self"));
        Assert.Contains("/proc/self", e.Message);
    }
}
