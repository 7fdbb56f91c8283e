using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ContainerLab.Api.Contracts;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// A session network joins the sandboxes of one session and nothing else: not another session (which reuses
/// the same 10.89.0.0/24 addresses in a namespace of its own), not the host. Traffic here goes only to this
/// machine's own addresses and to namespaces the test's daemon created.
/// </summary>
public sealed class SessionNetworkTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user and network namespaces, iproute2";

    private Task<SandboxLease> NodeAsync(string session, string name, IReadOnlyList<string>? command = null) =>
        fixture.StartAsync(new CreateSandboxRequest { Image = "busybox", Network = "session", Session = session, Name = name, Command = command });

    /// <summary>busybox httpd serving <paramref name="marker"/> at /m on port 7000.</summary>
    private static string[] Serve(string marker) =>
        ["sh", "-c", $"mkdir -p /tmp/www && echo {marker} > /tmp/www/m && exec httpd -f -p 7000 -h /tmp/www"];

    /// <summary>
    /// Fetches /m from http://HOST:7000 for up to ~2 s (httpd may still be starting). Not `wget -T`: Debian's
    /// busybox 1.35 wget segfaults with -T (on the host too).
    /// </summary>
    private static string Fetch(string host, int attempts = 20) =>
        $"for i in $(seq {attempts}); do timeout 1 wget -q -O - http://{host}:7000/m && exit 0; sleep 0.1; done; echo FETCH-FAILED; exit 1";

    [RootFact(Requirement)]
    public async Task Two_sandboxes_of_a_session_reach_each_other_by_name()
    {
        string marker = "node1-" + Guid.NewGuid().ToString("N")[..8];
        await using var node1 = await NodeAsync("s1", "node1", Serve(marker));
        await using var node2 = await NodeAsync("s1", "node2");

        var ping = await node2.ShAsync("ping -c 1 -W 2 node1");
        Assert.True(ping.ExitCode == 0, ping.ToString());
        Assert.Contains(node1.Sandbox.Address!, ping.Stdout);
        Assert.Equal(marker + "\n", (await node2.ShAsync(Fetch("node1"))).Stdout);
        var back = await node1.ShAsync("ping -c 1 -W 2 node2");
        Assert.True(back.ExitCode == 0, back.ToString());
    }

    [RootFact(Requirement)]
    public async Task A_sandbox_of_another_session_cannot_reach_it()
    {
        string marker = "node1-" + Guid.NewGuid().ToString("N")[..8];
        await using var node1 = await NodeAsync("s1", "node1", Serve(marker));
        await using var node2 = await NodeAsync("s1", "node2");
        await using var other1 = await NodeAsync("s2", "other1");
        await using var other2 = await NodeAsync("s2", "other2");
        string address = node1.Sandbox.Address!;
        Assert.Equal(marker + "\n", (await node2.ShAsync(Fetch(address))).Stdout); // the control: same session works

        // s2 has its own 10.89.0.0/24: node1's address there is an s2 sandbox (or nobody), never node1.
        foreach (var other in new[] { other1, other2 })
        {
            var fetch = await other.ShAsync(Fetch(address, attempts: 3));
            Assert.DoesNotContain(marker, fetch.Stdout);
            Assert.Contains("FETCH-FAILED", fetch.Stdout);
            Assert.NotEqual(0, (await other.ShAsync("ping -c 1 -W 1 node1")).ExitCode); // no such name in s2
        }
        Assert.DoesNotContain("node1", (await other2.ExecAsync("cat", "/etc/hosts")).Stdout);
    }

    [RootFact(Requirement)]
    public async Task Only_lo_and_eth0_without_a_default_route_and_the_host_is_unreachable()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var hostAddresses = HostAddresses();
        Assert.NotEmpty(hostAddresses);
        // The control: from the host, the listener is reachable on each of those addresses.
        foreach (var address in hostAddresses)
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(address, port);
            using var accepted = await listener.AcceptTcpClientAsync();
        }

        await using var node = await NodeAsync("s1", "node1");
        var links = await node.ShAsync("ip -o link show | cut -d: -f2 | cut -d@ -f1; ip -4 -o addr show; echo ROUTES; ip route; ip -6 route");
        Assert.Equal(0, links.ExitCode);
        string[] lines = links.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["lo", "eth0"], lines.Take(2));
        Assert.Contains(lines, l => l.StartsWith("1: lo", StringComparison.Ordinal) && l.Contains("inet 127.0.0.1/8", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2: eth0", StringComparison.Ordinal) && l.Contains($"inet {node.Sandbox.Address}/24", StringComparison.Ordinal));
        Assert.StartsWith("10.89.0.", node.Sandbox.Address);
        Assert.DoesNotContain(lines, l => l.StartsWith("3:", StringComparison.Ordinal));
        Assert.DoesNotContain("default", links.Stdout);

        string attempts = string.Join("\n", hostAddresses.SelectMany(a => new[] { $"{a} {port}", $"{a} 22" }).Append("10.89.0.1 22").Append($"10.89.0.1 {port}")
            .Select(target => $"nc -w 1 {target} </dev/null && echo CONNECTED {target}"));
        var connect = await node.ShAsync(attempts + "\ntrue");
        Assert.DoesNotContain("CONNECTED", connect.Stdout);
        Assert.False(listener.Pending(), "a connection from the sandbox reached the host's listener");

        // The session's veth ends and bridge live in the session's namespace, not the host's.
        var hostLinks = NetworkInterface.GetAllNetworkInterfaces().Select(i => i.Name).ToList();
        Assert.DoesNotContain(hostLinks, n => n.StartsWith("v" + node.Id[..Math.Min(12, node.Id.Length)], StringComparison.Ordinal));
    }

    [RootTheory(Requirement)]
    [InlineData("none")]
    [InlineData("session")]
    public async Task Loopback_127_0_0_1_is_the_sandbox_own_not_the_host(string network)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var sandbox = await fixture.StartAsync(new CreateSandboxRequest
        {
            Image = "busybox", Network = network, Session = network == "session" ? "s1" : null, Name = "loop-" + network,
        });

        var toHost = await sandbox.ShAsync($"nc -w 1 127.0.0.1 {port} </dev/null && echo CONNECTED");
        Assert.DoesNotContain("CONNECTED", toHost.Stdout);
        Assert.False(listener.Pending(), "the sandbox reached a listener on the host's 127.0.0.1");

        // The control: the same port on 127.0.0.1 inside is the sandbox's own loopback, and works.
        var own = await sandbox.ShAsync(
            $"mkdir -p /tmp/www && echo own-loopback > /tmp/www/m && httpd -p 127.0.0.1:{port} -h /tmp/www && " +
            $"for i in $(seq 20); do timeout 1 wget -q -O - http://127.0.0.1:{port}/m && exit 0; sleep 0.1; done; exit 1");
        Assert.Equal("own-loopback\n", own.Stdout);
        Assert.False(listener.Pending());
        if (network == "none")
            Assert.Equal("lo\n", (await sandbox.ShAsync("ip -o link show | cut -d: -f2 | tr -d ' '")).Stdout);
    }

    /// <summary>This machine's own IPv4 addresses (not loopback), from its up interfaces.</summary>
    private static List<IPAddress> HostAddresses() =>
        [.. NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))];
}
