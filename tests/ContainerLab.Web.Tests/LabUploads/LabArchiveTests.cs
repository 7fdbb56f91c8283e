using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ContainerLab.Web.LabUploads;

namespace ContainerLab.Web.Tests.LabUploads;

/// <summary>Hostile lab zips: each refused with its reason, and nothing of it left on disk.</summary>
public sealed class LabArchiveTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("clab-archive-");
    private string Target => Path.Combine(_scratch.FullName, "unpacked");

    public void Dispose() => _scratch.Delete(recursive: true);

    /// <summary>A zip of <paramref name="files"/> (name -> content); <paramref name="unixMode"/> sets an entry's type bits.</summary>
    internal static MemoryStream Zip(IEnumerable<(string Name, byte[] Content)> files, Func<string, int?>? unixMode = null,
        CompressionLevel level = CompressionLevel.Optimal)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = archive.CreateEntry(name, level);
                if (unixMode?.Invoke(name) is { } mode)
                    entry.ExternalAttributes = mode << 16;
                if (!name.EndsWith('/'))
                    using (var writer = entry.Open())
                        writer.Write(content);
            }
        }
        stream.Position = 0;
        return stream;
    }

    internal static MemoryStream Zip(params (string Name, string Content)[] files) =>
        Zip(files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Content))));

    private string Refusal(Stream zip)
    {
        var error = Assert.Throws<LabArchiveException>(() => LabArchive.Extract(zip, Target));
        Assert.False(Directory.Exists(Target), "a refused archive left files behind");
        Assert.Empty(_scratch.GetFileSystemInfos());
        return error.Message;
    }

    [Fact]
    public void A_lab_folder_unpacks_as_it_was()
    {
        LabArchive.Extract(Zip(("my-lab/lab.yaml", "schema: 1\n"), ("my-lab/steps/one.md", "# One\n"), ("my-lab/empty/", "")), Target);
        Assert.Equal("schema: 1\n", File.ReadAllText(Path.Combine(Target, "my-lab/lab.yaml")));
        Assert.Equal("# One\n", File.ReadAllText(Path.Combine(Target, "my-lab/steps/one.md")));
        Assert.True(Directory.Exists(Path.Combine(Target, "my-lab/empty")));
    }

    [Theory]
    [InlineData("../evil.sh", "'..' part")]
    [InlineData("my-lab/../../evil.sh", "'..' part")]
    [InlineData("/etc/cron.d/evil", "absolute path")]
    [InlineData("C:/evil", "absolute path")]
    [InlineData("my-lab\\..\\evil", "backslash")]
    [InlineData("my-lab//lab.yaml", "empty, '.' or '..' part")]
    [InlineData("my-lab/./lab.yaml", "empty, '.' or '..' part")]
    [InlineData("my-lab/\u0001.sh", "control character")]
    public void Paths_that_leave_the_folder_or_hide_are_refused(string name, string reason)
    {
        var zip = Zip(("my-lab/lab.yaml", "schema: 1\n"), (name, "echo owned\n"));
        Assert.Contains(reason, Refusal(zip));
    }

    [Fact]
    public void A_symbolic_link_is_refused_even_one_pointing_inside()
    {
        var zip = Zip([("my-lab/lab.yaml", "schema: 1\n"u8.ToArray()), ("my-lab/steps", "/etc"u8.ToArray())],
            name => name == "my-lab/steps" ? 0xA1FF : null);
        Assert.Contains("'my-lab/steps' is a symbolic link", Refusal(zip));
        var fifo = Zip([("my-lab/pipe", Array.Empty<byte>())], _ => 0x11A4);
        Assert.Contains("not a regular file or folder", Refusal(fifo));
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_ratio_before_a_byte_is_written()
    {
        var zip = Zip([("my-lab/zeros", new byte[6 * 1024 * 1024])]);
        Assert.True(zip.Length < 64 * 1024, $"the bomb is {zip.Length} bytes packed");
        Assert.Contains("refused as a zip bomb", Refusal(zip));
    }

    [Fact]
    public void Files_and_archives_over_the_limits_are_refused_in_mib()
    {
        var random = new Random(7);
        byte[] Noise(int size) { var b = new byte[size]; random.NextBytes(b); return b; }
        Assert.Contains("is 9 MiB; a lab's file is at most 8 MiB", Refusal(Zip([("my-lab/big.bin", Noise(9 * 1024 * 1024))], level: CompressionLevel.NoCompression)));
        var many = Zip(Enumerable.Range(0, LabArchive.MaxEntries + 1).Select(i => ($"my-lab/f{i}", Array.Empty<byte>())));
        Assert.Contains($"a lab has at most {LabArchive.MaxEntries} files", Refusal(many));
        var total = Zip(Enumerable.Range(0, 10).Select(i => ($"my-lab/part{i}.bin", Noise(7 * 1024 * 1024 + 1))), level: CompressionLevel.NoCompression);
        Assert.Contains("unpacks to more than 64 MiB", Refusal(total));
    }

    [Fact]
    public void An_entry_that_unpacks_to_more_than_it_claims_never_writes_more_than_its_claim()
    {
        // A deflated megabyte of text whose headers claim 1000 bytes: small enough for every check made on the claims.
        byte[] text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a line of a lab's text\n", 50_000)));
        var zip = Zip([("my-lab/lab.yaml", "schema: 1\n"u8.ToArray()), ("my-lab/liar.md", text)]);
        byte[] bytes = zip.ToArray();
        LieAboutSize(bytes, "my-lab/liar.md", 1000);
        // .NET's zip reader stops at the claimed size; were it not to, the copy would refuse the entry. Either way no more
        // than the claim reaches the disk.
        try
        {
            LabArchive.Extract(new MemoryStream(bytes), Target);
            Assert.True(new FileInfo(Path.Combine(Target, "my-lab/liar.md")).Length <= 1000);
        }
        catch (LabArchiveException e)
        {
            Assert.True(e.Message.Contains("more than the 1000 bytes its entry claims") || e.Message.Contains("damaged"), e.Message);
            Assert.False(Directory.Exists(Target));
        }
    }

    [Fact]
    public void Garbage_and_duplicates_are_refused()
    {
        Assert.Contains("not a zip file", Refusal(new MemoryStream("this is not a zip"u8.ToArray())));
        Assert.Contains("in the zip twice", Refusal(Zip(("my-lab/a", "1"), ("my-lab/a", "2"))));
    }

    /// <summary>Rewrites the uncompressed size of <paramref name="name"/> in its local header and its central directory entry.</summary>
    private static void LieAboutSize(byte[] zip, string name, uint size)
    {
        byte[] wanted = Encoding.ASCII.GetBytes(name);
        for (int i = 0; i + 4 < zip.Length; i++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && zip.AsSpan(i + 30, wanted.Length).SequenceEqual(wanted))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size); // local header: uncompressed size at 22
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46, wanted.Length).SequenceEqual(wanted))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size); // central directory: at 24
        }
    }
}
