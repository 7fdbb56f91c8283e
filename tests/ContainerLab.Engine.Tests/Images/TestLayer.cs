using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace ContainerLab.Engine.Tests.Images;

/// <summary>Builds a layer tar in memory, entry by entry, with the hostile shapes tests need.</summary>
internal sealed class TestLayer
{
    private static readonly DateTimeOffset s_time = new(2023, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private readonly List<TarEntry> _entries = [];

    public TestLayer Dir(string name, int mode = 0x1ED, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)mode, Uid = uid, Gid = gid, ModificationTime = s_time });

    public TestLayer File(string name, string content = "x", int mode = 0x1A4, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = (UnixFileMode)mode, Uid = uid, Gid = gid, ModificationTime = s_time,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        });

    public TestLayer BigFile(string name, int bytes) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0x1A4, ModificationTime = s_time, DataStream = new MemoryStream(new byte[bytes]) });

    public TestLayer Symlink(string name, string target, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Uid = uid, Gid = gid, ModificationTime = s_time });

    public TestLayer HardLink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, ModificationTime = s_time });

    public TestLayer Device(string name, TarEntryType type = TarEntryType.CharacterDevice, int major = 1, int minor = 3) =>
        Add(new PaxTarEntry(type, name) { DeviceMajor = major, DeviceMinor = minor, Mode = (UnixFileMode)0x1B6, ModificationTime = s_time });

    public TestLayer Fifo(string name) =>
        Add(new PaxTarEntry(TarEntryType.Fifo, name) { Mode = (UnixFileMode)0x1A4, ModificationTime = s_time });

    public TestLayer Whiteout(string hiddenPath)
    {
        int slash = hiddenPath.LastIndexOf('/');
        string name = slash < 0 ? ".wh." + hiddenPath : hiddenPath[..(slash + 1)] + ".wh." + hiddenPath[(slash + 1)..];
        return File(name, "");
    }

    public TestLayer Opaque(string directory) => File(directory.TrimEnd('/') + "/.wh..wh..opq", "");

    public TestLayer Add(TarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    public byte[] Tar()
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, leaveOpen: true))
        {
            foreach (TarEntry entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        }
        return output.ToArray();
    }

    public byte[] TarGz() => Gzip(Tar());

    /// <summary>
    /// One-entry GNU tars that System.Formats.Tar cannot read, made by rewriting a valid header (and its checksum):
    /// "sparse" is type 'S', what `tar --sparse` writes for a file with holes; "huge-size" is a base-256 size field
    /// of all ones, larger than any stream.
    /// </summary>
    public static byte[] Unreadable(string shape)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true))
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "holes.img") { DataStream = new MemoryStream(new byte[512]) });
        byte[] tar = output.ToArray();
        switch (shape)
        {
            case "sparse":
                tar[156] = (byte)'S';
                break;
            case "huge-size":
                tar[124] = 0x80;
                Array.Fill(tar, (byte)0xFF, 125, 11);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }
        Array.Fill(tar, (byte)' ', 148, 8);
        int sum = 0;
        foreach (byte b in tar.AsSpan(0, 512))
            sum += b;
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, 148);
        return tar;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(data);
        return output.ToArray();
    }

    public static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));
}
