namespace ContainerLab.Engine.Inspection;

/// <summary>
/// The writable layer's changes, read from the overlay's upper directory and compared with its lowers the way
/// overlayfs's own lookup does (fs/overlayfs/namei.c ovl_lookup): top layer first, a whiteout or an opaque directory
/// stops the search, a directory merges only with directories below it. Nothing is mounted or followed.
/// </summary>
public static class FilesystemInspector
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        // The default options skip Hidden, which on Unix means every dot file.
        AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = false, ReturnSpecialDirectories = false,
    };

    /// <param name="upperDir">The overlay's upperdir.</param>
    /// <param name="lowerDirsBottomToTop">The lowerdirs, bottom layer first (the reverse of the lowerdir= option).</param>
    /// <param name="layers">The image's layers, passed through into the result.</param>
    /// <param name="maxChanges">At most this many changes; <see cref="InspectedFilesystem.ChangesTruncated"/> says more exist.</param>
    public static InspectedFilesystem Inspect(
        string upperDir, IReadOnlyList<string> lowerDirsBottomToTop, IReadOnlyList<InspectedLayer> layers, int maxChanges = 5000)
    {
        ArgumentException.ThrowIfNullOrEmpty(upperDir);
        ArgumentNullException.ThrowIfNull(lowerDirsBottomToTop);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChanges);

        var walk = new Walk(maxChanges);
        walk.Directory(upperDir, "/", lowerDirsBottomToTop.Reverse().ToList());
        return new InspectedFilesystem(layers, walk.Changes, walk.Truncated);
    }

    private sealed class Walk(int maxChanges)
    {
        public List<FileChange> Changes { get; } = [];
        public bool Truncated { get; private set; }

        /// <param name="lowersTopDown">The lower directories that overlayfs merges at this path, top layer first.</param>
        public void Directory(string upper, string sandboxPath, IReadOnlyList<string> lowersTopDown)
        {
            IEnumerable<string> names;
            try
            {
                names = System.IO.Directory.EnumerateFileSystemEntries(upper, "*", OneLevel)
                    .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
            }
            catch (DirectoryNotFoundException)
            {
                return; // removed inside the running sandbox since its parent was read
            }

            foreach (string name in names)
            {
                if (Truncated)
                    return;
                Entry(Path.Combine(upper, name), sandboxPath + name, name, lowersTopDown);
            }
        }

        private void Entry(string upper, string sandboxPath, string name, IReadOnlyList<string> lowersTopDown)
        {
            var entry = OverlayEntry.Read(upper);
            var lower = LookUpInLowers(lowersTopDown, name);
            switch (entry.Kind)
            {
                case OverlayEntryKind.Missing:
                    return;
                case OverlayEntryKind.Whiteout:
                    Add(new FileChange(sandboxPath, FileChangeKind.Deleted, lower.Kind == OverlayEntryKind.Directory, 0));
                    return;
                case OverlayEntryKind.Directory when OverlayEntry.IsOpaque(upper):
                    // Opaque: nothing of the lowers shows through, so everything inside is new.
                    Add(new FileChange(sandboxPath, FileChangeKind.OpaqueDirectory, true, 0));
                    Directory(upper, sandboxPath + "/", []);
                    return;
                case OverlayEntryKind.Directory:
                    // A directory that merges with a lower directory only holds changes (copy-up of the parent
                    // chain); it is a change itself only when it is new or replaces a non-directory.
                    if (lower.Kind != OverlayEntryKind.Directory)
                        Add(new FileChange(sandboxPath, lower.Kind == OverlayEntryKind.Missing ? FileChangeKind.Added : FileChangeKind.Modified, true, 0));
                    Directory(upper, sandboxPath + "/", lower.MergedDirectories);
                    return;
                default:
                    // Any upper non-directory hides the lower name entirely: present below means copied up or replaced.
                    Add(new FileChange(sandboxPath, lower.Kind == OverlayEntryKind.Missing ? FileChangeKind.Added : FileChangeKind.Modified, false, entry.Size));
                    return;
            }
        }

        private void Add(FileChange change)
        {
            if (Changes.Count >= maxChanges)
                Truncated = true;
            else
                Changes.Add(change);
        }
    }

    /// <summary>What the lowers together show at <paramref name="name"/> inside the directories merged at the parent.</summary>
    private static (OverlayEntryKind Kind, IReadOnlyList<string> MergedDirectories) LookUpInLowers(IReadOnlyList<string> lowersTopDown, string name)
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
                    return (OverlayEntryKind.Other, []);
                break; // a non-directory below a directory ends the merge (ovl_lookup_single sets d->stop)
            }
            directories.Add(path);
            if (OverlayEntry.IsOpaque(path))
                break;
        }
        return directories.Count == 0 ? (OverlayEntryKind.Missing, []) : (OverlayEntryKind.Directory, directories);
    }
}
