namespace ContainerLab.Engine.Inspection;

/// <summary>
/// overlayfs's lookup rules (fs/overlayfs/namei.c ovl_lookup), read from the layer directories instead of a mount:
/// what the lower layers together show at a name, and what an entry of a higher layer does to it. Shared by the walk
/// of the writable layer's changes (<see cref="FilesystemInspector"/>) and the listing of one layer's directory
/// (<see cref="LayerDirectoryReader"/>). Lower layers are the image's, unpacked by the store and never written again.
/// </summary>
internal static class OverlayLookup
{
    /// <summary>What the lowers together show at <paramref name="name"/> inside the directories merged at the parent.</summary>
    /// <param name="lowersTopDown">The lower directories overlayfs merges at the parent, top layer first.</param>
    public static LowerLookup LookUp(IReadOnlyList<string> lowersTopDown, string name)
    {
        var directories = new List<string>();
        foreach (string lowerParent in lowersTopDown)
        {
            string path = Path.Combine(lowerParent, name);
            var entry = OverlayEntry.Read(path);
            if (entry.Kind == OverlayEntryKind.Missing)
                continue;
            if (entry.Kind == OverlayEntryKind.Whiteout)
                break; // deleted in this layer: nothing below shows
            if (entry.Kind == OverlayEntryKind.Other)
            {
                if (directories.Count == 0)
                    return new LowerLookup(OverlayEntryKind.Other, []);
                break; // a non-directory below a directory ends the merge (ovl_lookup_single sets d->stop)
            }
            directories.Add(path);
            if (OverlayEntry.IsOpaque(path))
                break;
        }
        return directories.Count == 0 ? new LowerLookup(OverlayEntryKind.Missing, []) : new LowerLookup(OverlayEntryKind.Directory, directories);
    }

    /// <summary>
    /// What <paramref name="entry"/> of a higher layer does to its name, given what the lowers show there
    /// (<paramref name="below"/>): a whiteout deletes it, an opaque directory hides everything below it, anything else
    /// adds the name or, when the lowers have it, replaces it (a copy-up, or a directory merging with theirs).
    /// </summary>
    public static FileChangeKind ChangeOf(OverlayEntry entry, bool isOpaque, OverlayEntryKind below) => entry.Kind switch
    {
        OverlayEntryKind.Whiteout => FileChangeKind.Deleted,
        OverlayEntryKind.Directory when isOpaque => FileChangeKind.OpaqueDirectory,
        _ => below == OverlayEntryKind.Missing ? FileChangeKind.Added : FileChangeKind.Modified,
    };
}

/// <param name="Kind">Missing (no lower has the name, or a whiteout hides it), Directory or Other.</param>
/// <param name="MergedDirectories">For a directory: the lower directories merged at the name, top first.</param>
internal readonly record struct LowerLookup(OverlayEntryKind Kind, IReadOnlyList<string> MergedDirectories);
