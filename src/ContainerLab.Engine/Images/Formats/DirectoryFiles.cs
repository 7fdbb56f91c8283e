namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// An OCI image layout directory on disk (umoci, skopeo `oci:` destinations). Only regular files that are not
/// symlinks are used, and only names the readers build themselves (fixed names and sha256 digests), so nothing
/// in the directory can point the import at other host files.
/// </summary>
internal sealed class DirectoryFiles(string root) : ArchiveFiles
{
    public override bool OwnsFiles => false;

    public override string? Find(string path)
    {
        if (path.Split('/').Any(c => c is "" or "." or ".."))
            return null;
        var info = new FileInfo(Path.Combine(root, path));
        return info.Exists && info.LinkTarget is null ? info.FullName : null;
    }
}
