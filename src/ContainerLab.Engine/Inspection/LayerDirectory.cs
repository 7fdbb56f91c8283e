namespace ContainerLab.Engine.Inspection;

/// <summary>One directory of one layer of a sandbox's root filesystem, as <see cref="LayerDirectoryReader"/> lists it.</summary>
/// <param name="Layer">0 is the image's bottom layer; the number of image layers is the writable layer (upperdir).</param>
/// <param name="Path">The directory inside the layer, normalized ("/" for its root).</param>
/// <param name="Entries">By name (ordinal).</param>
/// <param name="Truncated">The directory holds more entries than were listed.</param>
public sealed record LayerDirectory(int Layer, string Path, IReadOnlyList<LayerFile> Entries, bool Truncated);

public enum LayerFileKind { File, Directory, Symlink, Other }

/// <summary>One entry of a layer directory as the layer stores it, and what the layer did to its name.</summary>
/// <param name="LinkTarget">A symlink's target, as stored (never followed).</param>
/// <param name="Size">Bytes of a file (a symlink's target length); 0 for directories and whiteouts.</param>
/// <param name="Mode">st_mode as stored: file type and permission bits. A whiteout is a character device (Other).</param>
/// <param name="Uid">Owner as stored on the host: image layers keep the image's ids, the writable layer has the sandbox's host ids.</param>
/// <param name="Change">Compared with what the layers below show at this name: added, modified (they have it too),
/// deleted (a whiteout in this layer) or an opaque directory (hides their directory of the same name).</param>
public sealed record LayerFile(string Name, LayerFileKind Kind, string? LinkTarget, long Size, uint Mode, long Uid, long Gid, FileChangeKind Change);
