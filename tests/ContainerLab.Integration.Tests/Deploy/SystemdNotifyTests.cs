using System.Net.Sockets;
using System.Text;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Deploy;

/// <summary>
/// containerlabd speaks sd_notify, so its unit is Type=notify: systemd starts the web only once the daemon's socket
/// listens, and `systemctl status` shows what runs. The test plays systemd's part: a datagram socket in NOTIFY_SOCKET.
/// </summary>
public sealed class SystemdNotifyTests
{
    [RootFact("root and a real containerlabd")]
    public async Task The_daemon_reports_ready_with_its_socket_runtime_and_cgroups_then_stopping()
    {
        using var directory = new TempDirectory("clab-notify-");
        string notifyPath = directory.Combine("notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        await using var daemon = new DaemonProcess(environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notifyPath });

        await daemon.StartAsync();
        string ready = await ReceiveAsync(notify, daemon);
        Assert.StartsWith("READY=1\n", ready, StringComparison.Ordinal);
        Assert.Matches($@"STATUS=listening on {daemon.SocketPath}, runtime (crun|runc), cgroup v[12]", ready);

        await daemon.StopAsync();
        Assert.StartsWith("STOPPING=1\nSTATUS=removing 0 sandbox(es)", await ReceiveAsync(notify, daemon), StringComparison.Ordinal);
    }

    /// <summary>One datagram; a minute at most (a busy machine starts the daemon slowly).</summary>
    private static async Task<string> ReceiveAsync(Socket socket, DaemonProcess daemon)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            int length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"containerlabd sent nothing to NOTIFY_SOCKET within a minute:\n{daemon.Log()}");
            throw;
        }
    }
}
