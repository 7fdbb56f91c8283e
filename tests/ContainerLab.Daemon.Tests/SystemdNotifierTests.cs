using System.Net.Sockets;
using System.Text;
using ContainerLab.Daemon.Hosting;

namespace ContainerLab.Daemon.Tests;

/// <summary>sd_notify's addressing: no NOTIFY_SOCKET means no notifier; "@name" is an abstract socket.</summary>
public sealed class SystemdNotifierTests
{
    [Fact]
    public void Without_NOTIFY_SOCKET_nothing_is_sent() =>
        Assert.Null(SystemdNotifier.FromEnvironment(_ => null));

    [Fact]
    public async Task An_at_sign_names_an_abstract_socket()
    {
        string name = "clab-notify-test-" + Guid.NewGuid().ToString("N")[..8];
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint("\0" + name));

        var notifier = SystemdNotifier.FromEnvironment(variable => variable == "NOTIFY_SOCKET" ? "@" + name : null)!;
        notifier.Notify("READY=1\nSTATUS=test");

        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int length = await systemd.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        Assert.Equal("READY=1\nSTATUS=test", Encoding.UTF8.GetString(buffer, 0, length));
        Assert.Equal("@" + name, notifier.Address);
    }
}
