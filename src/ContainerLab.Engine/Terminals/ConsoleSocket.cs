using System.Runtime.InteropServices;
using System.Net.Sockets;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Processes;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Terminals;

/// <summary>
/// The unix socket given to the OCI runtime as --console-socket. The runtime creates the pty inside the
/// container (so the slave belongs to the container's devpts instance), connects here and sends the
/// master end as SCM_RIGHTS ancillary data. .NET's Socket does not expose ancillary data, hence recvmsg.
/// </summary>
public sealed class ConsoleSocket : IDisposable
{
    // sun_path is 108 bytes including the terminating NUL.
    private const int MaxPathBytes = 107;
    private readonly Socket _listener;

    public ConsoleSocket(string path)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
            throw new InvalidRequestException($"console socket path '{path}' is longer than {MaxPathBytes} bytes; use a shorter state directory");
        File.Delete(path);
        Path = path;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(1);
    }

    public string Path { get; }

    /// <summary>Waits for the runtime to connect and hand over the pty master.</summary>
    public async Task<PtyMaster> ReceiveMasterAsync(CancellationToken cancellationToken)
    {
        using var connection = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        // The runtime sends the fd right after connecting; wait for it rather than block a thread in recvmsg.
        while (connection.Available == 0 && !connection.Poll(0, SelectMode.SelectRead))
            await FdPoller.Shared.WaitReadableAsync(connection.SafeHandle, cancellationToken).ConfigureAwait(false);
        return new PtyMaster(ReceiveFd(connection.SafeHandle));
    }

    private static unsafe SafeFileHandle ReceiveFd(SafeHandle socket)
    {
        const int ControlSize = 64; // CMSG_SPACE(sizeof(int)) is 24; room to spare
        byte* data = stackalloc byte[256]; // the runtime also sends the pty name as the payload
        byte* control = stackalloc byte[ControlSize];
        var iov = new Interop.Libc.IoVec { Base = data, Length = 256 };
        var message = new Interop.Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlSize };
        nint received;
        do received = Interop.Libc.RecvMsg((int)socket.DangerousGetHandle(), &message, Interop.Libc.MSG_CMSG_CLOEXEC);
        while (Interop.Retry(received, "recvmsg(console socket)"));
        var header = (Interop.Libc.CmsgHdr*)control;
        if (message.ControlLength < (nuint)sizeof(Interop.Libc.CmsgHdr)
            || header->Level != Interop.Libc.SOL_SOCKET || header->Type != Interop.Libc.SCM_RIGHTS)
            throw new RuntimeCommandException("console socket", -1, "the runtime sent no file descriptor");
        int fd = *(int*)(control + sizeof(Interop.Libc.CmsgHdr));
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }
}
