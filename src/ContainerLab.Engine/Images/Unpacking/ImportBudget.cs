namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>
/// The running cost of one import against its <see cref="ImportLimits"/>: decompressed bytes and tar entries,
/// summed over every layer. Layers already in the store are only hashed, which costs bytes but no entries.
/// </summary>
internal sealed class ImportBudget(ImportLimits limits)
{
    private long _unpackedBytes;
    private long _entries;

    public ImportLimits Limits { get; } = limits;

    public void AddUnpackedBytes(string layer, long count)
    {
        _unpackedBytes += count;
        if (_unpackedBytes > Limits.MaxUnpackedBytes)
            throw ImportRefusal.Layer(layer, $"unpacked content exceeds the {Limits.MaxUnpackedBytes}-byte limit (MaxUnpackedBytes)");
    }

    public void AddEntry(string layer, string entryName)
    {
        _entries++;
        if (_entries > Limits.MaxEntries)
            throw ImportRefusal.Entry(layer, entryName, $"is one entry more than the {Limits.MaxEntries}-entry limit (MaxEntries)");
    }
}
