using System.Globalization;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// Paths as seen from inside a sandbox: whether each exists, its size (bytes of a file, entries of a directory)
/// and the sandbox's own mount table (/proc/self/mountinfo), read in one exec.
/// </summary>
public sealed class SandboxView
{
    private readonly Dictionary<string, long> _sizes = [];
    // Mount point -> per-mount options (mountinfo field 6) of the topmost mount there.
    private readonly Dictionary<string, string[]> _mounts = [];

    public static async Task<SandboxView> ReadAsync(SandboxLease sandbox, IEnumerable<string> paths)
    {
        var result = await sandbox.ShAsync($$"""
            for p in {{string.Join(' ', paths)}}; do
              [ -e $p ] || continue
              if [ -d $p ]; then n=$(ls -A $p | wc -l); else n=$(head -c 65536 $p 2>/dev/null | wc -c); fi
              echo "path $p $n"
            done
            sed 's/^/mount /' /proc/self/mountinfo
            """);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(result.ToString());
        var view = new SandboxView();
        foreach (string line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ');
            if (fields[0] == "path")
                view._sizes[fields[1]] = long.Parse(fields[2], CultureInfo.InvariantCulture);
            else if (fields[0] == "mount")
                view._mounts[fields[5]] = fields[6].Split(','); // later lines are mounted on top
        }
        return view;
    }

    public bool Exists(string path) => _sizes.ContainsKey(path);
    public long Size(string path) => _sizes[path];
    public bool IsMountPoint(string path) => _mounts.ContainsKey(path);
    public bool IsReadOnlyMount(string path) => _mounts.TryGetValue(path, out var options) && options.Contains("ro");
}
