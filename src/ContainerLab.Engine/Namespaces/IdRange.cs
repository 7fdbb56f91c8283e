namespace ContainerLab.Engine.Namespaces;

/// <summary>
/// A contiguous range of host uids/gids that a sandbox's user namespace maps ids 0..Count-1 onto.
/// Each sandbox gets its own range, so root inside is an unprivileged, unique uid outside.
/// </summary>
public readonly record struct IdRange(uint HostStart, uint Count)
{
    public const uint DefaultCount = 65536;

    public uint HostEnd => HostStart + Count - 1;

    /// <summary>Host id of an id inside the namespace.</summary>
    public uint ToHost(uint inside) => inside < Count
        ? HostStart + inside
        : throw new ArgumentOutOfRangeException(nameof(inside), inside, $"id outside the mapped range 0..{Count - 1}");

    /// <summary>The line for /proc/PID/uid_map and gid_map: "inside host count".</summary>
    public string ToMapLine() => $"0 {HostStart} {Count}";

    public override string ToString() => $"{HostStart}-{HostEnd}";
}
