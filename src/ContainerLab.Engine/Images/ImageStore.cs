using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images.Formats;
using ContainerLab.Engine.Images.Store;
using ContainerLab.Engine.Images.Unpacking;

namespace ContainerLab.Engine.Images;

/// <summary>
/// Content-addressed image store (see <see cref="StoreLayout"/> for the directories). An import is staged in a
/// private directory under tmp/: the archive is saved, its blobs verified against their digests, new layers
/// unpacked (and known ones only hashed), and then a short commit under the store lock renames layers and blobs
/// into place and writes the image record last. A refused or failed import leaves the store as it was.
/// Layers are owned by the uids/gids written in the image (0..65535); the daemon presents them to a sandbox's
/// user namespace through idmapped mounts, so unpacking must run as root (chown, mknod, trusted.* xattrs).
/// A sandbox holds an <see cref="ImageLease"/> on its image: a delete is refused while one is held (unless forced,
/// which only removes the name), and leased layers outlive a delete or a re-import of the name until released.
/// Leases are per process: the daemon is the one process that should open a store.
/// </summary>
public sealed class ImageStore
{
    private readonly StoreLayout _layout;
    private readonly StoreLock _lock;
    private readonly ImportLimits _limits;
    private readonly ImageLeases _leases;
    private readonly string? _busyboxPath;

    /// <param name="busyboxPath">When set, busybox:latest is built in: built again from this binary whenever it is
    /// asked for and missing (deleted, or never made), so a delete never leaves the default image unusable.</param>
    public ImageStore(string root, ImportLimits? limits = null, string? busyboxPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _layout = new StoreLayout(Path.GetFullPath(root));
        _limits = limits ?? ImportLimits.Default;
        _busyboxPath = busyboxPath;
        _layout.EnsureCreated();
        _lock = new StoreLock(_layout.LockFile);
        _leases = ImageLeases.For(_layout.Root);
        ImportStaging.RemoveAbandoned(_layout);
        using (_lock.Acquire())
            CollectGarbage(); // layers a killed daemon's sandboxes held after their image was deleted
    }

    public string Root => _layout.Root;

    /// <summary>Imports an OCI layout tar, a docker save tar or a plain rootfs tar (each optionally gzip) as <paramref name="name"/>.</summary>
    /// <param name="name">"busybox" or "labs/debian:12"; an existing image of that name and tag is replaced.</param>
    /// <exception cref="ImageImportException">The archive is malformed, tampered with, hostile or too large.</exception>
    public async Task<ImageRecord> ImportAsync(Stream archive, string name, ImageArchiveFormat format = ImageArchiveFormat.Auto, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ImageReference reference = ImageReference.Parse(name);
        using var staging = ImportStaging.Create(_layout);
        string archiveDigest = await staging.SaveArchiveAsync(archive, _limits.MaxArchiveBytes, ct).ConfigureAwait(false);
        (ImagePlan plan, bool blobsOwned) = await Task.Run(() => ReadArchive(staging, archiveDigest, reference, format, ct), ct).ConfigureAwait(false);
        return await ImportPlanAsync(plan, blobsOwned, reference, staging, ct).ConfigureAwait(false);
    }

    /// <summary>Imports the OCI image layout in <paramref name="ociLayoutDirectory"/> (read only; its blobs are copied).</summary>
    public async Task<ImageRecord> ImportDirectoryAsync(string ociLayoutDirectory, string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ociLayoutDirectory);
        ImageReference reference = ImageReference.Parse(name);
        if (!Directory.Exists(ociLayoutDirectory))
            throw new InvalidRequestException($"OCI layout directory '{ociLayoutDirectory}' does not exist");
        var files = new DirectoryFiles(Path.GetFullPath(ociLayoutDirectory));
        if (!OciLayoutReader.LooksLikeLayout(files))
            throw new ImageImportException($"'{ociLayoutDirectory}' is not an OCI image layout (oci-layout and index.json are required)");
        using var staging = ImportStaging.Create(_layout);
        ImagePlan plan = await Task.Run(() => OciLayoutReader.Read(files, reference, ct), ct).ConfigureAwait(false);
        return await ImportPlanAsync(plan, blobsOwned: false, reference, staging, ct).ConfigureAwait(false);
    }

    public IReadOnlyList<ImageRecord> List() =>
        Directory.EnumerateFiles(_layout.ImagesDirectory, "*.json")
            .Select(StoreJsonContext.ReadImage)
            .OfType<StoredImage>()
            .Select(ToRecord)
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ThenBy(i => i.Tag, StringComparer.Ordinal)
            .ToList();

    /// <exception cref="NotFoundException">No image has that name and tag.</exception>
    /// <exception cref="InvalidRequestException">The reference is not a valid image name.</exception>
    public ImageRecord Resolve(string reference)
    {
        ImageReference parsed = ImageReference.Parse(reference);
        return Load(parsed) ?? throw new NotFoundException("image", parsed.ToString());
    }

    /// <summary>Like <see cref="Resolve"/>, but a missing built-in image is built first.</summary>
    public async Task<ImageRecord> ResolveAsync(string reference, CancellationToken ct = default)
    {
        ImageReference parsed = ImageReference.Parse(reference);
        return Load(parsed) ?? await RestoreBuiltinAsync(parsed, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Leases the image a sandbox is made from, for as long as the sandbox exists: its layers stay in the store until
    /// the lease is disposed, whatever happens to the name meanwhile. A missing built-in image is built first.
    /// </summary>
    /// <param name="holder">Who holds it, as a refused delete names it: "sandbox 'node1' (0123456789ab)".</param>
    /// <exception cref="NotFoundException">No image has that name and tag.</exception>
    public async Task<ImageLease> LeaseAsync(string reference, string holder, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        ImageReference parsed = ImageReference.Parse(reference);
        if (_leases.TryTake(() => Load(parsed), holder, Release) is ImageLease lease)
            return lease;
        await RestoreBuiltinAsync(parsed, ct).ConfigureAwait(false);
        return _leases.TryTake(() => Load(parsed), holder, Release) ?? throw new NotFoundException("image", parsed.ToString());
    }

    public bool TryResolve(string reference, [NotNullWhen(true)] out ImageRecord? image)
    {
        image = null;
        try
        {
            image = Load(ImageReference.Parse(reference));
        }
        catch (InvalidRequestException)
        {
        }
        return image is not null;
    }

    /// <summary>
    /// Removes the name, then deletes every layer and blob that no remaining image uses and no sandbox leases. Like
    /// `docker rmi`: refused while sandboxes stand on this version of the image, unless <paramref name="force"/>,
    /// which removes the name only (their layers go when the last of them is removed).
    /// </summary>
    /// <exception cref="NotFoundException">No image has that name and tag.</exception>
    /// <exception cref="ConflictException">Sandboxes use the image and <paramref name="force"/> is not set; names them.</exception>
    public void Remove(string reference, bool force = false)
    {
        ImageReference parsed = ImageReference.Parse(reference);
        using IDisposable held = _lock.Acquire();
        string file = _layout.ImageFile(parsed);
        StoredImage image = StoreJsonContext.ReadImage(file) ?? throw new NotFoundException("image", parsed.ToString());
        _leases.Exclusive(leases =>
        {
            // Sandboxes on an older version of the name (imported again since) do not hold this version.
            string[] users = [.. leases
                .Where(l => l.Image.Name == image.Name && l.Image.Tag == image.Tag && l.Image.ManifestDigest == image.ManifestDigest)
                .Select(l => l.Holder)];
            if (users.Length > 0 && !force)
                throw new ConflictException($"unable to remove image {parsed}: it is being used by {string.Join(", ", users)}; " +
                    "remove them first, or force the removal to delete only the name (they keep its layers until they are removed)");
            File.Delete(file);
        });
        CollectGarbage();
    }

    private (ImagePlan Plan, bool BlobsOwned) ReadArchive(ImportStaging staging, string archiveDigest, ImageReference reference, ImageArchiveFormat format, CancellationToken ct)
    {
        ArchiveMarkers markers = format switch
        {
            ImageArchiveFormat.Auto => ArchiveMarkers.Scan(staging.ArchivePath, _limits, ct),
            ImageArchiveFormat.OciLayout => new ArchiveMarkers(HasOciLayout: true, HasDockerManifest: false),
            ImageArchiveFormat.DockerArchive => new ArchiveMarkers(HasOciLayout: false, HasDockerManifest: true),
            _ => new ArchiveMarkers(false, false),
        };
        if (!markers.HasOciLayout && !markers.HasDockerManifest)
            return (RootfsTarReader.Read(staging.ArchivePath, archiveDigest, _limits, ct), true);

        StagedTarFiles files = StagedTarFiles.Extract(staging.ArchivePath, staging.FilesDirectory, _limits, ct);
        if (!markers.HasOciLayout)
            return (DockerArchiveReader.Read(files, reference, ct), true);
        try
        {
            return (OciLayoutReader.Read(files, reference, ct), true);
        }
        catch (ImageImportException ociError) when (markers.HasDockerManifest)
        {
            // Docker 25+ writes both an OCI layout and manifest.json; use whichever is complete.
            try
            {
                return (DockerArchiveReader.Read(files, reference, ct), true);
            }
            catch (ImageImportException dockerError)
            {
                throw new ImageImportException($"{ociError.Message} (read as docker save: {dockerError.Message})", ociError);
            }
        }
    }

    private async Task<ImageRecord> ImportPlanAsync(ImagePlan plan, bool blobsOwned, ImageReference reference, ImportStaging staging, CancellationToken ct)
    {
        var unpacker = new LayerUnpacker(new ImportBudget(_limits));
        StoredImage image = await Task.Run(() => Stage(plan, blobsOwned, reference, staging, unpacker, ct), ct).ConfigureAwait(false);
        using (await _lock.AcquireAsync(ct).ConfigureAwait(false))
        {
            try
            {
                Commit(image, staging, unpacker, reference, ct);
            }
            catch
            {
                // The commit may have renamed layers or blobs in before failing; without the record they are
                // unreferenced, and collecting them restores the store.
                CollectGarbage();
                throw;
            }
        }
        return ToRecord(image);
    }

    /// <summary>Everything slow, outside the lock: unpack new layers, hash known ones, copy blobs to staging.</summary>
    private StoredImage Stage(ImagePlan plan, bool blobsOwned, ImageReference reference, ImportStaging staging, LayerUnpacker unpacker, CancellationToken ct)
    {
        var layers = new List<StoredLayer>();
        var seen = new Dictionary<string, LayerMetadata>(StringComparer.Ordinal);
        foreach (LayerPlan layer in plan.Layers)
        {
            if (!seen.TryGetValue(layer.DiffId, out LayerMetadata? metadata))
            {
                metadata = File.Exists(_layout.LayerMetadata(layer.DiffId))
                    ? VerifyKnownLayer(layer, unpacker, ct)
                    : UnpackLayer(layer, staging, unpacker, ct);
                seen[layer.DiffId] = metadata;
            }
            layers.Add(new StoredLayer(layer.DiffId, layer.BlobDigest, metadata.Size, metadata.FileCount, layer.CreatedBy));
        }

        Directory.CreateDirectory(staging.BlobsDirectory);
        File.WriteAllBytes(Path.Combine(staging.BlobsDirectory, Digests.Hex(plan.ManifestDigest)), plan.Manifest);
        File.WriteAllBytes(Path.Combine(staging.BlobsDirectory, Digests.Hex(plan.ConfigDigest)), plan.Config);
        foreach (LayerPlan layer in plan.Layers)
        {
            // Staged even when the store has it: a concurrent Remove may collect the store's copy before we commit.
            string staged = Path.Combine(staging.BlobsDirectory, Digests.Hex(layer.BlobDigest));
            if (File.Exists(staged))
                continue;
            if (blobsOwned)
                File.Move(layer.BlobPath, staged);
            else
                File.Copy(layer.BlobPath, staged);
        }

        var image = new StoredImage(reference.Name, reference.Tag, plan.ManifestDigest, plan.ConfigDigest, layers,
            ToImageConfig(plan.ParsedConfig), DateTimeOffset.UtcNow);
        File.WriteAllBytes(staging.ImageFile, JsonSerializer.SerializeToUtf8Bytes(image, StoreJsonContext.Default.StoredImage));
        return image;
    }

    private LayerMetadata UnpackLayer(LayerPlan layer, ImportStaging staging, LayerUnpacker unpacker, CancellationToken ct)
    {
        string label = ImportRefusal.ShortDigest(layer.BlobDigest);
        string directory = Path.Combine(staging.LayersDirectory, Digests.Hex(layer.DiffId));
        UnpackedLayer unpacked = unpacker.Unpack(layer.BlobPath, label, Path.Combine(directory, "rootfs"), ct);
        CheckDiffId(label, layer.DiffId, unpacked.DiffId);
        var metadata = new LayerMetadata(unpacked.DiffId, unpacked.Size, unpacked.FileCount);
        File.WriteAllBytes(Path.Combine(directory, "layer.json"), JsonSerializer.SerializeToUtf8Bytes(metadata, StoreJsonContext.Default.LayerMetadata));
        return metadata;
    }

    /// <summary>
    /// A layer already in the store is not unpacked again, but its blob is still hashed: otherwise an archive
    /// could claim another image's diff id and get its layer without having its content.
    /// </summary>
    private LayerMetadata VerifyKnownLayer(LayerPlan layer, LayerUnpacker unpacker, CancellationToken ct)
    {
        string label = ImportRefusal.ShortDigest(layer.BlobDigest);
        CheckDiffId(label, layer.DiffId, unpacker.ComputeDiffId(layer.BlobPath, label, ct));
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(_layout.LayerMetadata(layer.DiffId)), StoreJsonContext.Default.LayerMetadata)
                ?? new LayerMetadata(layer.DiffId, 0, 0);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return new LayerMetadata(layer.DiffId, 0, 0); // removed meanwhile: the commit unpacks it again
        }
    }

    private static void CheckDiffId(string label, string expected, string actual)
    {
        if (expected != actual)
            throw ImportRefusal.Layer(label, $"uncompressed content is {actual}, but the config says its diff id is {expected}");
    }

    /// <summary>Under the lock: only renames, except for a known layer that a concurrent Remove collected meanwhile.</summary>
    private void Commit(StoredImage image, ImportStaging staging, LayerUnpacker unpacker, ImageReference reference, CancellationToken ct)
    {
        foreach (string diffId in image.Layers.Select(l => l.DiffId).Distinct())
        {
            string destination = _layout.LayerDirectory(diffId);
            if (Directory.Exists(destination))
                continue; // already there (maybe committed by a concurrent import): ours is deleted with staging
            string staged = Path.Combine(staging.LayersDirectory, Digests.Hex(diffId));
            if (!Directory.Exists(staged))
            {
                StoredLayer layer = image.Layers.First(l => l.DiffId == diffId);
                string blob = Path.Combine(staging.BlobsDirectory, Digests.Hex(layer.Digest));
                UnpackLayer(new LayerPlan(blob, layer.Digest, diffId, layer.CreatedBy), staging, unpacker, ct);
            }
            Directory.Move(staged, destination);
        }
        foreach (string blob in Directory.EnumerateFiles(staging.BlobsDirectory))
        {
            string destination = Path.Combine(_layout.BlobsDirectory, Path.GetFileName(blob));
            if (!File.Exists(destination))
                File.Move(blob, destination);
        }
        // The record goes last and atomically (rename over any older record of the same name): readers see the
        // old image or the new one, and never a record whose layers are missing.
        string imageFile = _layout.ImageFile(reference);
        bool replaced = File.Exists(imageFile);
        File.Move(staging.ImageFile, imageFile, overwrite: true);
        if (replaced)
            CollectGarbage(); // the old version's layers, unless sandboxes still stand on them
    }

    private void CollectGarbage() => StoreGarbageCollector.Collect(_layout, _leases.LayersInUse());

    private void Release(ImageLease lease)
    {
        using IDisposable held = _lock.Acquire();
        _leases.Remove(lease);
        CollectGarbage();
    }

    private async Task<ImageRecord> RestoreBuiltinAsync(ImageReference reference, CancellationToken ct)
    {
        if (_busyboxPath is null || reference.ToString() != BuiltinImages.BusyboxReference)
            throw new NotFoundException("image", reference.ToString());
        return await BuiltinImages.EnsureBusyboxAsync(this, _busyboxPath, ct).ConfigureAwait(false);
    }

    private ImageRecord? Load(ImageReference reference) =>
        StoreJsonContext.ReadImage(_layout.ImageFile(reference)) is StoredImage stored ? ToRecord(stored) : null;

    private ImageRecord ToRecord(StoredImage stored) => new(
        stored.Name,
        stored.Tag,
        stored.ManifestDigest,
        stored.ConfigDigest,
        stored.Layers.Select(l => new LayerRecord(l.DiffId, l.Digest, _layout.LayerRootfs(l.DiffId), l.Size, l.FileCount, l.CreatedBy)).ToList(),
        stored.Config,
        stored.ImportedAt);

    private static ImageConfig ToImageConfig(OciImageConfig config)
    {
        OciContainerConfig c = config.Config ?? new OciContainerConfig();
        return new ImageConfig(
            c.Env ?? [],
            c.Entrypoint ?? [],
            c.Cmd ?? [],
            string.IsNullOrEmpty(c.WorkingDir) ? "/" : c.WorkingDir,
            string.IsNullOrEmpty(c.User) ? null : c.User);
    }
}
