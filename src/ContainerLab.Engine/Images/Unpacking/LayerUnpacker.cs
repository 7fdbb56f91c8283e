using System.Buffers;
using System.Formats.Tar;
using ContainerLab.Engine.Errors;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>What unpacking a layer produced: its diff id (sha256 of the uncompressed tar) and its size.</summary>
internal sealed record UnpackedLayer(string DiffId, long Size, long FileCount);

/// <summary>
/// Applies one layer tar to an empty directory, refusing anything that could reach outside it or smuggle
/// privilege in: see <see cref="EntryPathRules"/> for names and links, <see cref="LayerTree"/> for how writes
/// avoid symlinks, <see cref="WhiteoutConverter"/> for deletions. Ownership comes from the numeric uid/gid of each
/// entry (0..65535, one user-namespace range; user and group names in the tar are ignored). Extended attributes
/// in the tar (PAX SCHILY.xattr.*) are dropped: they would carry file capabilities (security.capability) past
/// the setuid allow-list and overlayfs control attributes (trusted.overlay.*) into the layer.
/// </summary>
internal sealed class LayerUnpacker(ImportBudget budget)
{
    private const int BufferSize = 128 * 1024;
    private const int MaxId = 65535;
    private const uint SetuidSetgidBits = 0xC00; // S_ISUID | S_ISGID

    public ImportLimits Limits => budget.Limits;

    /// <summary>Unpacks the blob at <paramref name="blobPath"/> into <paramref name="rootfsPath"/>, which must not exist.</summary>
    public UnpackedLayer Unpack(string blobPath, string layer, string rootfsPath, CancellationToken ct)
    {
        using var file = File.OpenRead(blobPath);
        using var decompressed = LayerCompression.OpenDecompressed(file, $"layer {layer}");
        using var measured = new MeasuringReadStream(decompressed, n => budget.AddUnpackedBytes(layer, n), leaveOpen: true);
        using var tree = LayerTree.Create(rootfsPath, layer);
        var state = new LayerState();
        try
        {
            using var reader = new TarReader(measured, leaveOpen: true);
            while (reader.GetNextEntry() is TarEntry entry)
            {
                ct.ThrowIfCancellationRequested();
                Apply(tree, layer, entry, state);
            }
            measured.Drain(ct);
            ApplyDirectoryTimes(tree, state);
        }
        catch (Exception e) when (TarStreamErrors.IsMalformed(e))
        {
            throw ImportRefusal.Layer(layer, TarStreamErrors.Describe(e), e);
        }
        return new UnpackedLayer(measured.Digest, state.Size, state.FileCount);
    }

    /// <summary>Computes the diff id without unpacking: used when the layer is already in the store.</summary>
    public string ComputeDiffId(string blobPath, string layer, CancellationToken ct)
    {
        using var file = File.OpenRead(blobPath);
        using var decompressed = LayerCompression.OpenDecompressed(file, $"layer {layer}");
        using var measured = new MeasuringReadStream(decompressed, n => budget.AddUnpackedBytes(layer, n), leaveOpen: true);
        try
        {
            measured.Drain(ct);
        }
        catch (InvalidDataException e)
        {
            throw ImportRefusal.Layer(layer, $"is not a valid gzip stream: {e.Message}", e);
        }
        return measured.Digest;
    }

    private void Apply(LayerTree tree, string layer, TarEntry entry, LayerState state)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
            return; // PAX global header (git archive writes one): metadata about the archive, not a file.
        budget.AddEntry(layer, entry.Name);
        string path = EntryPathRules.NormalizeEntryName(layer, entry.Name, Limits.MaxPathLength);
        if (entry.Uid is < 0 or > MaxId || entry.Gid is < 0 or > MaxId)
            throw ImportRefusal.Entry(layer, entry.Name, $"is owned by {entry.Uid}:{entry.Gid}; layers may only use ids 0..{MaxId} (one user-namespace range)");
        try
        {
            if (!ApplyWhiteout(tree, layer, entry, path, state))
                ApplyEntry(tree, layer, entry, path, state);
        }
        catch (KernelCallException e)
        {
            throw ImportRefusal.Entry(layer, entry.Name, $"could not be written: {e.Message}");
        }
        state.FileCount++;
    }

    private static bool ApplyWhiteout(LayerTree tree, string layer, TarEntry entry, string path, LayerState state)
    {
        switch (WhiteoutConverter.Classify(layer, entry.Name, path, out string hiddenPath))
        {
            case WhiteoutConverter.Kind.Opaque:
                string directory = path.Contains('/') ? path[..path.LastIndexOf('/')] : "";
                using (SafeFileHandle handle = tree.OpenDirectory(directory, entry.Name, create: true))
                    WhiteoutConverter.MarkOpaque(handle, directory);
                return true;
            case WhiteoutConverter.Kind.Whiteout:
                using (SafeFileHandle parent = tree.OpenParent(hiddenPath, entry.Name, create: true))
                    WhiteoutConverter.CreateWhiteout(tree, parent, LayerTree.NameOf(hiddenPath), hiddenPath);
                state.Forget(hiddenPath);
                return true;
            case WhiteoutConverter.Kind.AufsMetadata:
                return true;
            default:
                return false;
        }
    }

    private void ApplyEntry(LayerTree tree, string layer, TarEntry entry, string path, LayerState state)
    {
        uint mode = (uint)entry.Mode & 0xFFF;
        bool isDirectory = entry.EntryType == TarEntryType.Directory
            || (entry.EntryType == TarEntryType.V7RegularFile && entry.Name.EndsWith('/'));
        if (path.Length == 0)
        {
            // "./" describes the layer root itself: keep it a directory, take its owner and mode.
            if (!isDirectory)
                throw ImportRefusal.Entry(layer, entry.Name, "would replace the layer root with a non-directory");
            using SafeFileHandle root = tree.OpenDirectory("", entry.Name, create: false);
            LayerTree.SetOwnerAndMode(root, ".", "/", entry.Uid, entry.Gid, mode);
            state.DirectoryTimes[""] = entry.ModificationTime;
            return;
        }

        string name = LayerTree.NameOf(path);
        switch (entry.EntryType)
        {
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                // A device node in a layer would give the container raw access to a host device (e.g. the host's
                // disk as block 8/0) whatever the runtime's /dev says. The runtime creates /dev itself.
                throw ImportRefusal.Entry(layer, entry.Name, "is a device node; device nodes are refused (the runtime provides /dev)");
            case TarEntryType.SparseFile or TarEntryType.MultiVolume or TarEntryType.RenamedOrSymlinked
                or TarEntryType.DirectoryList or TarEntryType.TapeVolume:
                throw ImportRefusal.Entry(layer, entry.Name, $"has the unsupported tar entry type {entry.EntryType}");
        }

        using SafeFileHandle parent = tree.OpenParent(path, entry.Name, create: true);
        if (isDirectory)
        {
            tree.CreateDirectory(parent, name, path);
            LayerTree.SetOwnerAndMode(parent, name, path, entry.Uid, entry.Gid, mode);
            state.DirectoryTimes[path] = entry.ModificationTime;
            state.Forget(path);
            return;
        }

        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                CheckSetuid(layer, entry.Name, path, mode);
                using (SafeFileHandle file = tree.CreateFile(parent, name, path))
                    state.Size += CopyData(entry.DataStream, file);
                LayerTree.SetOwnerAndMode(parent, name, path, entry.Uid, entry.Gid, mode);
                if ((mode & SetuidSetgidBits) != 0)
                    state.SetuidFiles.Add(path);
                break;
            case TarEntryType.SymbolicLink:
                EntryPathRules.CheckSymlinkTarget(layer, entry.Name, path, entry.LinkName, Limits.MaxPathLength);
                tree.CreateSymlink(parent, name, path, entry.LinkName);
                LayerTree.SetOwnerAndMode(parent, name, path, entry.Uid, entry.Gid, mode: null);
                break;
            case TarEntryType.HardLink:
                ApplyHardLink(tree, layer, entry, path, parent, name, state);
                state.WrittenNonDirectories.Add(path);
                return; // a hard link shares the target's inode: owner, mode and time are the target's
            case TarEntryType.Fifo:
                tree.CreateNode(parent, name, path, Interop.S_IFIFO | (mode & 0x1FF));
                LayerTree.SetOwnerAndMode(parent, name, path, entry.Uid, entry.Gid, mode & 0x1FF);
                break;
            default:
                throw ImportRefusal.Entry(layer, entry.Name, $"has the unsupported tar entry type {entry.EntryType}");
        }
        LayerTree.SetModificationTime(parent, name, path, entry.ModificationTime);
        state.WrittenNonDirectories.Add(path);
    }

    private void ApplyHardLink(LayerTree tree, string layer, TarEntry entry, string path, SafeFileHandle parent, string name, LayerState state)
    {
        // A hard link can only name a file this same layer wrote before: a link to a path outside the tree, or to
        // a lower layer, would make the kernel share an inode the layer does not own.
        string target = EntryPathRules.NormalizeHardLinkTarget(layer, entry.Name, entry.LinkName, Limits.MaxPathLength);
        if (!state.WrittenNonDirectories.Contains(target))
            throw ImportRefusal.Entry(layer, entry.Name, $"is a hard link to '{entry.LinkName}', which does not exist earlier in the layer");
        // A second name for a setuid file is a setuid file at that name: the allow-list applies to it too.
        if (state.SetuidFiles.Contains(target))
        {
            CheckSetuid(layer, entry.Name, path, SetuidSetgidBits);
            state.SetuidFiles.Add(path);
        }
        using SafeFileHandle targetParent = tree.OpenParent(target, entry.Name, create: false);
        tree.CreateHardLink(targetParent, LayerTree.NameOf(target), parent, name, path);
    }

    private void CheckSetuid(string layer, string entryName, string path, uint mode)
    {
        if ((mode & SetuidSetgidBits) != 0 && !Limits.EffectiveSetuidAllowList.Contains("/" + path))
            throw ImportRefusal.Entry(layer, entryName, $"is setuid/setgid (mode {Convert.ToString(mode, 8)}) and /{path} is not in the setuid allow-list");
    }

    private static long CopyData(Stream? data, SafeFileHandle file)
    {
        if (data is null)
            return 0;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            int n;
            while ((n = data.Read(buffer, 0, BufferSize)) > 0)
            {
                RandomAccess.Write(file, buffer.AsSpan(0, n), offset);
                offset += n;
            }
            return offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Directory mtimes go last: creating a child updates its parent's mtime, so times set while unpacking would
    /// not survive. Setting a directory's own times does not touch its parent, so the order among them is free.
    /// </summary>
    private static void ApplyDirectoryTimes(LayerTree tree, LayerState state)
    {
        foreach ((string path, DateTimeOffset time) in state.DirectoryTimes)
        {
            if (path.Length == 0)
            {
                using SafeFileHandle root = tree.OpenDirectory("", "./", create: false);
                LayerTree.SetModificationTime(root, ".", "/", time);
                continue;
            }
            try
            {
                using SafeFileHandle parent = tree.OpenParent(path, path, create: false);
                LayerTree.SetModificationTime(parent, LayerTree.NameOf(path), path, time);
            }
            catch (Exception e) when (e is ImageImportException or KernelCallException)
            {
                // The directory was replaced or whited out by a later entry of the same layer: nothing to date.
            }
        }
    }

    private sealed class LayerState
    {
        public long Size;
        public long FileCount;
        public HashSet<string> WrittenNonDirectories { get; } = new(StringComparer.Ordinal);
        public HashSet<string> SetuidFiles { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, DateTimeOffset> DirectoryTimes { get; } = new(StringComparer.Ordinal);

        /// <summary>A path deleted or turned into a directory can no longer be a hard-link target.</summary>
        public void Forget(string path)
        {
            WrittenNonDirectories.Remove(path);
            SetuidFiles.Remove(path);
        }
    }
}
