namespace ContainerLab.Engine.Terminals;

/// <summary>
/// The most recent output of a process, at most <see cref="CapacityBytes"/>, so a client that reattaches
/// sees the recent screen. Whole chunks are dropped oldest first. Not thread-safe: its owner locks.
/// </summary>
public sealed class Scrollback(int capacityBytes)
{
    private readonly Queue<OutputChunk> _chunks = new();

    public int CapacityBytes { get; } = capacityBytes > 0 ? capacityBytes : throw new ArgumentOutOfRangeException(nameof(capacityBytes));
    public int Length { get; private set; }

    public void Append(OutputChunk chunk)
    {
        if (chunk.Data.Length > CapacityBytes)
            chunk = chunk with { Data = chunk.Data[^CapacityBytes..] };
        _chunks.Enqueue(chunk);
        Length += chunk.Data.Length;
        while (Length > CapacityBytes)
            Length -= _chunks.Dequeue().Data.Length;
    }

    public OutputChunk[] Snapshot() => _chunks.ToArray();
}
