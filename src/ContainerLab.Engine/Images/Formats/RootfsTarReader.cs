using ContainerLab.Engine.Images.Unpacking;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// A plain root filesystem tar (optionally gzip), imported as a one-layer image like `docker import`: the archive
/// is the layer blob. The config gets the usual PATH and, unlike docker import, Cmd ["/bin/sh"] so a lab can
/// start it without saying what to run.
/// </summary>
internal static class RootfsTarReader
{
    public const string CreatedBy = "containerlab import: root filesystem tar";

    public static ImagePlan Read(string archivePath, string archiveDigest, ImportLimits limits, CancellationToken ct)
    {
        // The diff id must be in the config before the layer is unpacked, so hash the uncompressed tar first.
        // This pass has its own budget: the unpack that follows counts the same bytes for real.
        string layerLabel = ImportRefusal.ShortDigest(archiveDigest);
        string diffId = new LayerUnpacker(new ImportBudget(limits)).ComputeDiffId(archivePath, layerLabel, ct);
        var config = new OciImageConfig
        {
            Architecture = OciLayoutReader.HostArchitecture,
            Os = "linux",
            Config = new OciContainerConfig { Env = [ImageSynthesis.DefaultPath], Cmd = ["/bin/sh"] },
            Rootfs = new OciRootfs { Type = "layers", DiffIds = [diffId] },
            History = [new OciHistory { CreatedBy = CreatedBy }],
        };
        (byte[] configBytes, string configDigest) = ImageSynthesis.Config(config);
        long size = new FileInfo(archivePath).Length;
        var layer = ImageSynthesis.LayerDescriptor(archiveDigest, size, LayerCompression.IsGzip(archivePath));
        (byte[] manifest, string manifestDigest) = ImageSynthesis.Manifest(configDigest, configBytes.Length, [layer]);
        return new ImagePlan(manifest, manifestDigest, configBytes, configDigest, config,
            [new LayerPlan(archivePath, archiveDigest, diffId, CreatedBy)]);
    }
}
