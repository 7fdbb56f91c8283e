namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>
/// What System.Formats.Tar throws for a tar it cannot read: all of it is the archive's fault, so every reader of an
/// archive or layer refuses the import with these (a 400) instead of letting them escape as host errors (a 500).
/// The list comes from mutating valid PAX, GNU, ustar and v7 tars at random and reading them back.
/// </summary>
internal static class TarStreamErrors
{
    public static bool IsMalformed(Exception e) =>
        e is InvalidDataException or FormatException or EndOfStreamException // bad headers, numbers, checksums; truncation
            or NotSupportedException // entry types the reader refuses: GNU sparse files (type 'S')
            or OverflowException or ArgumentOutOfRangeException // sizes and offsets past what a stream can hold
            or InvalidOperationException; // an extended-attributes header larger than the reader accepts

    /// <summary>"is not a valid tar stream: ..." with a hint where the cause is a known writer option.</summary>
    public static string Describe(Exception e) => e is NotSupportedException
        ? $"uses a tar feature that cannot be unpacked: {e.Message.TrimEnd('.')} (GNU sparse files: write the archive without tar --sparse)"
        : $"is not a valid tar stream: {e.Message}";
}
