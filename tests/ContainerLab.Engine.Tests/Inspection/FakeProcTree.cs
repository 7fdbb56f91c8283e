using ContainerLab.Engine.Inspection;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Inspection;

/// <summary>
/// A /proc in a temp directory: status, cmdline and uid_map files, and ns/KIND symlinks whose (dangling) targets
/// are "kind:[inode]", the way the kernel renders them; readlink(2) reads them as it reads the real ones.
/// </summary>
internal sealed class FakeProcTree : IDisposable
{
    private readonly TempDirectory _root = new("clab-fakeproc-");

    public string Root => _root.Path;

    public FakeProcTree AddProcess(
        string pid, string name = "sh", int parentPid = 1, long uid = 0, int[]? nspid = null, string cmdline = "",
        string uidMap = "         0          0 4294967295\n", IReadOnlyDictionary<NamespaceKind, ulong>? namespaces = null)
    {
        string directory = Directory.CreateDirectory(_root.Combine(pid)).FullName;
        string nspidLine = nspid is null ? "" : $"NSpid:\t{string.Join('\t', nspid)}\n";
        File.WriteAllText(Path.Combine(directory, "status"),
            $"Name:\t{name}\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t{pid}\nNgid:\t0\nPid:\t{pid}\nPPid:\t{parentPid}\n" +
            $"TracerPid:\t0\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\nGid:\t{uid}\t{uid}\t{uid}\t{uid}\n{nspidLine}VmRSS:\t  1024 kB\n");
        File.WriteAllText(Path.Combine(directory, "cmdline"), cmdline);
        File.WriteAllText(Path.Combine(directory, "uid_map"), uidMap);
        Directory.CreateDirectory(Path.Combine(directory, "ns"));
        foreach (var (kind, inode) in namespaces ?? new Dictionary<NamespaceKind, ulong>())
        {
            string linkName = kind.ToString().ToLowerInvariant();
            File.CreateSymbolicLink(Path.Combine(directory, "ns", linkName), $"{linkName}:[{inode}]");
        }
        return this;
    }

    /// <summary>The same namespaces for every kind, offset from <paramref name="baseInode"/> so each kind differs.</summary>
    public static Dictionary<NamespaceKind, ulong> AllKinds(ulong baseInode) =>
        Enum.GetValues<NamespaceKind>().ToDictionary(kind => kind, kind => baseInode + (ulong)kind);

    public void Dispose() => _root.Dispose();
}
