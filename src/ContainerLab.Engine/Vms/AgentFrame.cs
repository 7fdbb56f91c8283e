using System.Buffers.Binary;
using System.Text;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Vms;

/// <summary>
/// One frame of the agent channel (scripts/lib/vm-guest-agent.c has the guest's side): a type byte, the process id
/// the frame is about (u32 little-endian), the payload's length (u32 little-endian) and the payload. The guest is the
/// student's, as hostile as any input: a frame longer than <see cref="MaxPayload"/> or of an unknown type ends the
/// channel.
/// </summary>
internal readonly record struct AgentFrame(byte Type, uint Id, ReadOnlyMemory<byte> Payload)
{
    public const int HeaderBytes = 9;
    public const int MaxPayload = 64 * 1024;

    // host -> guest
    public const byte Exec = (byte)'E', Stdin = (byte)'I', Signal = (byte)'K';
    // guest -> host
    public const byte Hello = (byte)'H', Started = (byte)'S', Failed = (byte)'F', Stdout = (byte)'O', Stderr = (byte)'R', Exit = (byte)'X';

    private static readonly byte[] FromGuest = [Hello, Started, Failed, Stdout, Stderr, Exit];

    public byte[] Encode()
    {
        var frame = new byte[HeaderBytes + Payload.Length];
        frame[0] = Type;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(1), Id);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(5), (uint)Payload.Length);
        Payload.Span.CopyTo(frame.AsSpan(HeaderBytes));
        return frame;
    }

    /// <summary>The payload length a guest's header announces; throws when it is not a frame the guest may send.</summary>
    public static (byte Type, uint Id, int Length) ReadHeader(ReadOnlySpan<byte> header)
    {
        byte type = header[0];
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header[5..]);
        if (Array.IndexOf(FromGuest, type) < 0)
            throw new AgentProtocolException($"a frame of unknown type 0x{type:x2}");
        if (length > MaxPayload)
            throw new AgentProtocolException($"a frame of {length} bytes (at most {MaxPayload})");
        return (type, BinaryPrimitives.ReadUInt32LittleEndian(header[1..]), (int)length);
    }

    /// <summary>
    /// An exec frame: the working directory, the argv and the environment, each NUL-terminated, an empty string
    /// between argv and the environment. A NUL inside a string would split it: refused.
    /// </summary>
    public static AgentFrame ForExec(uint id, string workingDirectory, IReadOnlyList<string> command, IEnumerable<string> environment)
    {
        var payload = new List<byte>();
        void Add(string text)
        {
            if (text.Contains('\0', StringComparison.Ordinal))
                throw new InvalidRequestException("a command, its working directory or environment holds a NUL byte");
            payload.AddRange(Encoding.UTF8.GetBytes(text));
            payload.Add(0);
        }
        Add(workingDirectory);
        foreach (string arg in command)
            Add(arg);
        payload.Add(0);
        foreach (string variable in environment)
            Add(variable);
        if (payload.Count > MaxPayload)
            throw new InvalidRequestException($"the command and its environment take {payload.Count} bytes; a VM node's agent takes at most {MaxPayload}");
        return new AgentFrame(Exec, id, payload.ToArray());
    }
}

/// <summary>The guest's agent sent something that is not the protocol: the channel is closed.</summary>
internal sealed class AgentProtocolException(string message) : Exception(message);
