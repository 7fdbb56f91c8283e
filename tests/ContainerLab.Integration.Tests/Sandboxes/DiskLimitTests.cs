using System.Globalization;
using System.Text.RegularExpressions;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>
/// Disk and memory are separate limits, as a student learning cgroups must see them: filling the disk ends in ENOSPC
/// at the disk limit, not in an OOM kill at the memory limit, and creating more files than the inode limit does too.
/// </summary>
public sealed partial class DiskLimitTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const long MiB = 1024 * 1024;

    // Inside the sandbox its own memory cgroup is at the cgroup namespace's root: v1 memory controller, else v2.
    private const string MemoryCgroup = "m=/sys/fs/cgroup/memory; [ -f $m/memory.stat ] || m=/sys/fs/cgroup; ";
    // Anonymous memory of the cgroup: v1 memory.stat "rss", v2 "anon". Page cache is counted apart ("cache", "file").
    private const string AnonBytes = "grep -E '^(rss|anon) ' $m/memory.stat | head -1 | cut -d' ' -f2";
    // OOM kills in the cgroup: v1 memory.oom_control, v2 memory.events.
    private const string OomKills = "{ grep oom_kill $m/memory.oom_control 2>/dev/null || grep oom_kill $m/memory.events; }";

    [RootFact("root, loop devices and ext4")]
    public async Task Filling_the_disk_ends_in_enospc_at_the_disk_limit_and_leaves_memory_alone()
    {
        using var client = fixture.Daemon.Client();
        const long disk = 192 * MiB, memory = 64 * MiB;
        var result = await client.RunAsync(new CreateSandboxRequest
        {
            Image = "busybox",
            Command = ["sh", "-c", MemoryCgroup +
                $"echo anon-before=$({AnonBytes}); " +
                "dd if=/dev/zero of=/root/fill bs=1M; echo dd-exit=$?; " +
                $"echo anon-after=$({AnonBytes}); {OomKills}; " +
                "echo fill-bytes=$(stat -c %s /root/fill); df -k / | tail -1; " +
                // The file's pages are clean page cache once written back: memory can still be had by reclaiming them.
                "head -c 16m /dev/zero | tail > /dev/null; echo alloc-exit=$?"],
            Limits = new LimitsDto { DiskBytes = disk, MemoryBytes = memory },
        }, TimeSpan.FromSeconds(120));

        // dd stops on a failed write(2) with ENOSPC, and exits 1; a tmpfs upper ended it with SIGKILL (137) at the memory limit.
        Assert.Contains("No space left on device", result.Stderr);
        Assert.Contains("dd-exit=1", result.Stdout);
        Assert.Matches(@"oom_kill 0\b", result.Stdout);
        Assert.Contains("alloc-exit=0", result.Stdout);
        // It wrote about the disk limit (the filesystem keeps a few MiB back for delayed allocation), three times the memory limit.
        long filled = Number(result.Stdout, "fill-bytes");
        Assert.InRange(filled, disk * 95 / 100, disk);
        Assert.True(filled > 2 * memory, result.ToString());
        // Anonymous memory did not grow with the file: its pages are page cache, charged to the cgroup but reclaimable
        // and written back to the disk image. (tmpfs pages are shmem: no backing store, so they stay until the file goes.)
        long anonGrowth = Number(result.Stdout, "anon-after") - Number(result.Stdout, "anon-before");
        Assert.True(anonGrowth < 8 * MiB, $"anon grew by {anonGrowth} bytes\n{result}");
        // df / inside shows the disk limit as the filesystem's size (1K blocks; ext4 leaves its metadata out of it).
        var df = DfLine().Match(result.Stdout);
        Assert.True(df.Success, result.ToString());
        Assert.InRange(long.Parse(df.Groups["size"].Value, CultureInfo.InvariantCulture) * 1024, disk * 98 / 100, disk);
    }

    [RootFact("root, loop devices and ext4")]
    public async Task Creating_more_files_than_the_inode_limit_ends_in_enospc()
    {
        using var client = fixture.Daemon.Client();
        var result = await client.RunAsync(new CreateSandboxRequest
        {
            Image = "busybox",
            Command = ["sh", "-c", "df -i / | tail -1; mkdir /many; i=0; while [ $i -lt 3000 ]; do " +
                "touch /many/$i 2>&1 || { echo stopped-at=$i; exit 0; }; i=$((i+1)); done; echo all-created"],
            Limits = new LimitsDto { DiskInodes = 1024 },
        });
        Assert.Contains("No space left on device", result.Stdout);
        Assert.DoesNotContain("all-created", result.Stdout);
        // A few inodes are the filesystem's own (root, lost+found, the overlay's upper and work dirs, /many).
        Assert.InRange(Number(result.Stdout, "stopped-at"), 1000, 1024);
    }

    private static long Number(string output, string key) =>
        long.Parse(Regex.Match(output, key + @"=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    // "overlay   196488   196488   0 100% /"
    [GeneratedRegex(@"^overlay\s+(?<size>\d+)\s", RegexOptions.Multiline)]
    private static partial Regex DfLine();
}
