namespace ContainerLab.Engine.Sandboxes;

/// <summary>A further process to run in an existing sandbox (a second terminal, a check script).</summary>
public sealed record ExecSpec
{
    public required IReadOnlyList<string> Command { get; init; }
    public bool Tty { get; init; }
    /// <summary>Where the process starts; null: where the sandbox's first process started (as `docker exec` does).</summary>
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public TerminalSize? TerminalSize { get; init; }
    /// <summary>What the process reads on stdin before end-of-file (no terminal only); empty = end-of-file at once.</summary>
    public ReadOnlyMemory<byte> Stdin { get; init; }
}
