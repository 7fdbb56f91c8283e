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
            if (entry.Kind == OverlayEntryKind.Missing)
                return;
            var lower = OverlayLookup.LookUp(lowersTopDown, name);
            bool isDirectory = entry.Kind == OverlayEntryKind.Directory;
            bool opaque = isDirectory && OverlayEntry.IsOpaque(upper);
            // A directory that merges with a lower directory only holds changes (copy-up of the parent chain); it is a
            // change itself only when it is new, opaque or replaces a non-directory.
            if (!isDirectory || opaque || lower.Kind != OverlayEntryKind.Directory)
            {
                bool wasOrIsDirectory = entry.Kind == OverlayEntryKind.Whiteout ? lower.Kind == OverlayEntryKind.Directory : isDirectory;
                Add(new FileChange(sandboxPath, OverlayLookup.ChangeOf(entry, opaque, lower.Kind), wasOrIsDirectory, entry.Size));
            }
            // Opaque: nothing of the lowers shows through, so everything inside is new.
            if (isDirectory)
                Directory(upper, sandboxPath + "/", opaque ? [] : lower.MergedDirectories);
        }

        private void Add(FileChange change)
        {
            if (Changes.Count >= maxChanges)
                Truncated = true;
            else
                Changes.Add(change);
        }
    }
}
