namespace ContainerLab.Web.Sessions;

/// <summary>Every session slot of the class server is taken: shown as a page, not an error.</summary>
public sealed class ServerFullException(int inUse, int capacity)
    : Exception($"the class server is full: {inUse} of {capacity} sessions in use")
{
    public int InUse { get; } = inUse;
    public int Capacity { get; } = capacity;
}

/// <summary>A per-session limit (nodes, terminals) is reached; the message says which.</summary>
public sealed class SessionLimitException(string message) : Exception(message);
