using System.Net.Sockets;

namespace ContainerLab.Api.Client;

/// <summary>An HTTP handler whose every connection goes to one unix socket (the daemon's), whatever the URL's host.</summary>
public static class UnixSocketHandler
{
    public static SocketsHttpHandler Create(string socketPath) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new HttpRequestException(
                    $"cannot connect to containerlabd at {socketPath}: {e.Message} (is the daemon running? set --socket or CONTAINERLAB_SOCKET)", e);
            }
        },
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };
}
