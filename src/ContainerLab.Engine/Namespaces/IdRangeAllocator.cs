using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Namespaces;

/// <summary>
/// Hands out non-overlapping 65536-id ranges, one per sandbox, starting at <paramref name="baseId"/>:
/// slot k maps to [base + k*65536, base + (k+1)*65536). The lowest free slot is reused first so the
/// namespace cache stays small. Far above the ranges /etc/subuid usually gives users (100000+).
/// </summary>
public sealed class IdRangeAllocator(uint baseId, int slots)
{
    private readonly object _gate = new();
    private readonly bool[] _used = slots is > 0 and <= 60000 && (ulong)baseId + (ulong)slots * IdRange.DefaultCount <= uint.MaxValue
        ? new bool[slots]
        : throw new ArgumentOutOfRangeException(nameof(slots), "the id ranges must fit below 2^32");

    public uint BaseId { get; } = baseId;
    public int Slots => _used.Length;

    public IdRange SlotRange(int slot) => new(BaseId + (uint)slot * IdRange.DefaultCount, IdRange.DefaultCount);

    public IdRange Allocate()
    {
        lock (_gate)
        {
            int slot = Array.IndexOf(_used, false);
            if (slot < 0)
                throw new CapacityExceededException($"all {Slots} user-namespace id ranges are in use");
            _used[slot] = true;
            return SlotRange(slot);
        }
    }

    /// <summary>Marks the range of a sandbox found on disk (after a restart) as taken. False if it is not one of ours.</summary>
    public bool Claim(IdRange range)
    {
        int? slot = SlotOf(range);
        if (slot is null)
            return false;
        lock (_gate)
            _used[slot.Value] = true;
        return true;
    }

    public void Release(IdRange range)
    {
        if (SlotOf(range) is int slot)
            lock (_gate)
                _used[slot] = false;
    }

    private int? SlotOf(IdRange range)
    {
        if (range.HostStart < BaseId || range.Count != IdRange.DefaultCount || (range.HostStart - BaseId) % IdRange.DefaultCount != 0)
            return null;
        long slot = (range.HostStart - BaseId) / IdRange.DefaultCount;
        return slot < Slots ? (int)slot : null;
    }
}
