using System.Net.Sockets;
using System.Text;

namespace ContainerLab.Daemon.Hosting;

/// <summary>
/// sd_notify(3) without libsystemd (Microsoft.Extensions.Hosting.Systemd is not in the package mirror): under a
/// Type=notify unit systemd passes NOTIFY_SOCKET, a unix datagram socket, and waits for "READY=1" before it starts
/// units ordered after this one (the web). Sending READY only once the socket listens and has its group is what makes
/// `After=containerlabd.service` mean "the socket answers". STATUS= is what `systemctl status` shows. Without
/// NOTIFY_SOCKET (run by hand, by scripts/run.sh, by tests) nothing is sent.
/// </summary>
internal sealed class SystemdNotifier
{
    private readonly UnixDomainSocketEndPoint _endpoint;

    private SystemdNotifier(UnixDomainSocketEndPoint endpoint) => _endpoint = endpoint;

    public string Address { get; private init; } = "";

    /// <summary>The notifier for $NOTIFY_SOCKET, or null when the daemon is not run by systemd with Type=notify.</summary>
    public static SystemdNotifier? FromEnvironment(Func<string, string?> environment)
    {
        if (environment("NOTIFY_SOCKET") is not { Length: > 0 } address)
            return null;
        // "@name" is an abstract socket (sd_notify's convention): the kernel's name starts with a NUL byte instead.
        string path = address[0] == '@' ? "\0" + address[1..] : address;
        return new SystemdNotifier(new UnixDomainSocketEndPoint(path)) { Address = address };
    }

    /// <summary>Sends newline-separated assignments, e.g. "READY=1\nSTATUS=listening". Throws <see cref="SocketException"/> if systemd's socket is gone.</summary>
    public void Notify(string assignments)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.SendTo(Encoding.UTF8.GetBytes(assignments), _endpoint);
    }
}
