namespace ContainerLab.Engine.Terminals;

/// <summary>Which stream a chunk of output came from. A terminal has only one: <see cref="Terminal"/>.</summary>
public enum OutputKind : byte
{
    Terminal = 0,
    Stdout = 1,
    Stderr = 2,
    /// <summary>
    /// No bytes: the terminal's line discipline discarded the output it had not delivered yet (see
    /// <see cref="ProcessIo"/>), and so did this client's queue. A client may drop what it has not shown either.
    /// </summary>
    Flush = 3,
}

/// <summary>Output bytes; <see cref="Epoch"/> counts the terminal's flushes before they were read.</summary>
public readonly record struct OutputChunk(OutputKind Kind, ReadOnlyMemory<byte> Data, long Epoch = 0);
