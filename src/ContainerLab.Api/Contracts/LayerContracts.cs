namespace ContainerLab.Api.Contracts;

/// <summary>
/// GET /v1/sandboxes/{id}/layers/{index}/files?path=/dir: one directory of one layer of the sandbox's root filesystem
/// (see the engine's LayerDirectoryReader).
/// </summary>
/// <param name="Layer">0 is the image's bottom layer; the number of image layers is the writable layer (upperdir).</param>
/// <param name="Path">The directory, normalized ("/" for the layer's root).</param>
/// <param name="Entries">By name; at most 2000.</param>
/// <param name="Truncated">The directory holds more entries than were listed.</param>
public sealed record LayerDirectoryDto(int Layer, string Path, IReadOnlyList<LayerFileDto> Entries, bool Truncated);

/// <summary>
/// One entry as the layer stores it. kind: file, directory, symlink or other (a whiteout is other: a character device
/// 0/0). change, compared with the layers below: added, modified (they have the name too), deleted (a whiteout in this
/// layer) or opaque (a directory hiding theirs). mode is st_mode (type and permission bits); uid and gid as stored on the host.
/// </summary>
public sealed record LayerFileDto(string Name, string Kind, string? LinkTarget, long Size, uint Mode, long Uid, long Gid, string Change);
