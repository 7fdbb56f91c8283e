using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images.Formats;
using ContainerLab.Engine.Processes;

namespace ContainerLab.Engine.Images;

/// <summary>
/// Images the engine can make without a registry. busybox:latest is a real one-layer OCI image built from the
/// host's static busybox (Debian busybox-static) and imported through the same OCI path as any archive, so it
/// gets the same verification and unpacking.
/// </summary>
public static class BuiltinImages
{
    public const string BusyboxReference = "busybox:latest";

    // Ustar entries carry only mtime (PAX would add atime/ctime of now); fixed timestamps keep the layer byte-for-byte reproducible: the same busybox gives the same digests.
    private static readonly DateTimeOffset s_epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns busybox:latest, building and importing it first if the store does not have it.</summary>
    public static async Task<ImageRecord> EnsureBusyboxAsync(ImageStore store, string busyboxPath = "/bin/busybox", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.TryResolve(BusyboxReference, out ImageRecord? existing))
            return existing;
        if (!File.Exists(busyboxPath))
            throw new InvalidRequestException($"busybox binary '{busyboxPath}' not found (install Debian's busybox-static)");
        IReadOnlyList<string> applets = await ListAppletsAsync(busyboxPath, ct).ConfigureAwait(false);
        byte[] layout = BuildOciLayout(busyboxPath, applets);
        using var stream = new MemoryStream(layout, writable: false);
        return await store.ImportAsync(stream, BusyboxReference, ImageArchiveFormat.OciLayout, ct).ConfigureAwait(false);
    }

    /// <summary>`busybox --list-full`: one applet path per line, e.g. "bin/sh", "usr/bin/wget".</summary>
    private static async Task<IReadOnlyList<string>> ListAppletsAsync(string busyboxPath, CancellationToken ct)
    {
        // Through HostCommand like every child of the daemon, so the orphan reaper leaves its status to Process.
        string output = (await HostCommand.RunAsync([busyboxPath, "--list-full"], cancellationToken: ct).ConfigureAwait(false)).Stdout;
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.Contains("..", StringComparison.Ordinal) && !p.StartsWith('/') && p != "bin/busybox")
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static byte[] BuildOciLayout(string busyboxPath, IReadOnlyList<string> applets)
    {
        byte[] layerTar = BuildLayerTar(busyboxPath, applets);
        string diffId = Digests.Of(layerTar);
        byte[] layerGzip = Gzip(layerTar);
        string layerDigest = Digests.Of(layerGzip);

        var config = new OciImageConfig
        {
            Architecture = OciLayoutReader.HostArchitecture,
            Os = "linux",
            Config = new OciContainerConfig { Env = [ImageSynthesis.DefaultPath], Cmd = ["/bin/sh"], WorkingDir = "/" },
            Rootfs = new OciRootfs { Type = "layers", DiffIds = [diffId] },
            History = [new OciHistory { CreatedBy = $"containerlab builtin: {busyboxPath} with {applets.Count} applet links" }],
        };
        (byte[] configBytes, string configDigest) = ImageSynthesis.Config(config);
        (byte[] manifest, string manifestDigest) = ImageSynthesis.Manifest(configDigest, configBytes.Length,
            [ImageSynthesis.LayerDescriptor(layerDigest, layerGzip.Length, gzip: true)]);
        var index = new OciIndex
        {
            SchemaVersion = 2,
            MediaType = OciMediaTypes.ImageIndex,
            Manifests =
            [
                new OciDescriptor
                {
                    MediaType = OciMediaTypes.ImageManifest, Digest = manifestDigest, Size = manifest.Length,
                    Annotations = new() { [OciMediaTypes.RefNameAnnotation] = "latest" },
                },
            ],
        };

        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddFile(writer, "oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray(), 0x1A4);
            AddFile(writer, "index.json", JsonSerializer.SerializeToUtf8Bytes(index, OciImageJsonContext.Default.OciIndex), 0x1A4);
            AddFile(writer, ArchiveFiles.BlobPath(manifestDigest), manifest, 0x1A4);
            AddFile(writer, ArchiveFiles.BlobPath(configDigest), configBytes, 0x1A4);
            AddFile(writer, ArchiveFiles.BlobPath(layerDigest), layerGzip, 0x1A4);
        }
        return output.ToArray();
    }

    private static byte[] BuildLayerTar(string busyboxPath, IReadOnlyList<string> applets)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var directories = new SortedSet<string>(StringComparer.Ordinal) { "bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var" };
            foreach (string applet in applets)
                for (int slash = applet.IndexOf('/'); slash > 0; slash = applet.IndexOf('/', slash + 1))
                    directories.Add(applet[..slash]);
            foreach (string directory in directories)
                AddDirectory(writer, directory, directory switch { "root" => 0x1C0, "tmp" => 0x3FF, "proc" or "sys" => 0x16D, _ => 0x1ED });

            AddFile(writer, "bin/busybox", File.ReadAllBytes(busyboxPath), 0x1ED);
            foreach (string applet in applets)
            {
                int depth = applet.Count(c => c == '/');
                string target = applet.StartsWith("bin/", StringComparison.Ordinal) && depth == 1
                    ? "busybox"
                    : string.Concat(Enumerable.Repeat("../", depth)) + "bin/busybox";
                writer.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, applet) { LinkName = target, ModificationTime = s_epoch, Mode = (UnixFileMode)0x1FF });
            }
            AddFile(writer, "etc/passwd", Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"), 0x1A4);
            AddFile(writer, "etc/group", Encoding.ASCII.GetBytes("root:x:0:\nnogroup:x:65534:\n"), 0x1A4);
        }
        return output.ToArray();
    }

    private static void AddDirectory(TarWriter writer, string path, int mode) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, path + "/") { Mode = (UnixFileMode)mode, ModificationTime = s_epoch });

    private static void AddFile(TarWriter writer, string path, byte[] content, int mode) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, path)
        {
            Mode = (UnixFileMode)mode,
            ModificationTime = s_epoch,
            DataStream = new MemoryStream(content, writable: false),
        });

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(data);
        return output.ToArray();
    }
}
