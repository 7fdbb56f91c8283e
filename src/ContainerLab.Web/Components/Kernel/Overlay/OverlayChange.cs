namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>
/// One change in the writable layer (upperdir), as the writable plate draws it: a badge that names what overlayfs did
/// ("added", "copied up", "whiteout", "opaque") and the path; a copy-up or whiteout also points at the lower layer that
/// holds the original (<see cref="Origin"/>), when that is known.
/// </summary>
/// <param name="Y">The top of its row on the writable plate.</param>
/// <param name="Origin">The image layer (0 = bottom) that holds the file this change copied up or hides; null when unknown.</param>
/// <param name="Fresh">It arrived within the last moments: it lights up.</param>
public sealed record OverlayChange(string Path, string Kind, bool IsDirectory, long Size, double Y = 0, int? Origin = null, bool Fresh = false)
{
    public const int PathChars = 35;

    public string Marker => KernelText.ChangeMarker(Kind);

    /// <summary>What overlayfs did, in the badge's words.</summary>
    public string Badge => Kind switch
    {
        "added" => "added",
        "modified" => "copied up",
        "deleted" => "whiteout",
        "opaque" => "opaque",
        _ => Kind,
    };

    /// <summary>The path as the row shows it: the end is kept when it is too long (the file's name matters most).</summary>
    public string ShownPath
    {
        get
        {
            string path = Path + (IsDirectory ? "/" : "");
            return path.Length <= PathChars ? path : "…" + path[^(PathChars - 1)..];
        }
    }

    /// <summary>Where the original lives, for the explanation: "layer 1" or "a lower layer".</summary>
    private string OriginName => Origin is int layer ? $"image layer {layer + 1}" : "a lower layer";

    public string Explanation => Kind switch
    {
        // A new name has nowhere to go but the upperdir: the image's layers are mounted read-only (and shared).
        "added" => $"{Path}: added in the writable layer; a new name is created in the upperdir, the image's layers stay read-only",
        // overlayfs cannot write into a lowerdir, so the first write to a lower file copies the whole file up first.
        "modified" when IsDirectory => $"{Path}: copied up from {OriginName}: the directory now exists in the writable layer too, and the merged view joins both",
        "modified" => $"{Path}: copied up from {OriginName}: the first write copied the whole file into the writable layer, which now hides the original",
        // The lower file cannot be removed (read-only, shared): a whiteout (character device 0/0) in the upperdir hides it.
        "deleted" => $"{Path}: deleted; a whiteout (character device 0/0) in the writable layer hides the file in {OriginName}, which is still there",
        "opaque" => $"{Path}: an opaque directory; the lower layers' contents of it are hidden",
        _ => $"{Path}: {Kind}",
    };
}
