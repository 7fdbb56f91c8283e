namespace ContainerLab.Engine.Terminals;

/// <summary>Which stream a chunk of output came from. A terminal has only one: <see cref="Terminal"/>.</summary>
public enum OutputKind : byte
{
    Terminal = 0,
    Stdout = 1,
    Stderr = 2,
}

public readonly record struct OutputChunk(OutputKind Kind, ReadOnlyMemory<byte> Data);
