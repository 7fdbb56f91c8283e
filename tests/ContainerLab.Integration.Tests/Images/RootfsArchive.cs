using System.Formats.Tar;
using System.Text;

namespace ContainerLab.Integration.Tests.Images;

/// <summary>
/// A small root filesystem tar for import tests: the host's static busybox with a few applet links, plus whatever
/// files and symlinks a test adds (a marker to tell image versions apart, a hostile symlink).
/// </summary>
internal sealed class RootfsArchive
{
    private static readonly string[] s_applets = ["sh", "cat", "ls", "sleep", "echo", "test"];
    private readonly List<TarEntry> _extra = [];

    public RootfsArchive File(string path, string content)
    {
        _extra.Add(new PaxTarEntry(TarEntryType.RegularFile, path)
        {
            Mode = (UnixFileMode)0x1A4,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        });
        return this;
    }

    public RootfsArchive Symlink(string path, string target)
    {
        _extra.Add(new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target });
        return this;
    }

    public MemoryStream Build(bool withEtc = true)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (string directory in withEtc ? new[] { "bin", "etc", "proc", "sys", "dev", "tmp" } : ["bin", "proc", "sys", "dev", "tmp"])
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory + "/") { Mode = (UnixFileMode)0x1ED });
            using (FileStream busybox = System.IO.File.OpenRead("/bin/busybox"))
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0x1ED, DataStream = busybox });
            foreach (string applet in s_applets)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
            foreach (TarEntry entry in _extra)
                writer.WriteEntry(entry);
        }
        output.Position = 0;
        return output;
    }

    /// <summary>
    /// A GNU tar holding one sparse file (type 'S', what `tar --sparse` writes for a file with holes). .NET's
    /// TarWriter cannot write one, so a regular GNU entry is rewritten: type flag at offset 156, checksum again.
    /// </summary>
    public static MemoryStream GnuSparse()
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true))
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "holes.img") { DataStream = new MemoryStream(new byte[512]) });
        byte[] tar = output.ToArray();
        tar[156] = (byte)'S';
        Array.Fill(tar, (byte)' ', 148, 8);
        int sum = tar.AsSpan(0, 512).ToArray().Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, 148);
        return new MemoryStream(tar);
    }
}
