using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// GET /v1/sandboxes/{id}/network against a real daemon: the bridge, its ports and each member's eth0 as the kernel
/// has them, compared with what the nodes themselves read from /sys/class/net. Everything here is in namespaces the
/// test's own daemon made.
/// </summary>
public sealed class SessionNetworkInspectionTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user and network namespaces, iproute2";

    private Task<SandboxLease> NodeAsync(string session, string name) =>
        fixture.StartAsync(new CreateSandboxRequest { Image = "busybox", Network = "session", Session = session, Name = name });

    [RootFact(Requirement)]
    public async Task The_inspection_shows_the_bridge_and_each_nodes_veth_pair_as_the_nodes_see_it()
    {
        string session = "netpic-" + Guid.NewGuid().ToString("N")[..6];
        await using var node1 = await NodeAsync(session, "node1");
        var node2 = await NodeAsync(session, "node2");
        bool node2Removed = false;
        try
        {
            var network = await fixture.Client.InspectNetworkAsync(node1.Id);

            Assert.Equal(session, network.Session);
            Assert.Equal("10.89.0.0/24", network.Subnet);
            var bridge = Assert.IsType<InspectedLinkDto>(network.Bridge);
            Assert.Equal(("br0", "bridge", true), (bridge.Name, bridge.Kind, bridge.Up));
            Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", bridge.Mac);
            Assert.Equal(2, network.Ports.Count);
            Assert.Equal([node1.Id, node2.Id], network.Members.Select(m => m.SandboxId));
            foreach (var node in new[] { node1, node2 })
            {
                var member = Assert.Single(network.Members, m => m.SandboxId == node.Id);
                var eth0 = Assert.IsType<InspectedLinkDto>(member.Interface);
                var port = Assert.Single(network.Ports, p => p.SandboxId == node.Id);
                Assert.Equal(port.Link.Name, member.Port);
                Assert.Equal(("veth", "br0", true), (port.Link.Kind, port.Link.Master, port.Link.Up));
                Assert.NotNull(port.Link.PeerNetnsId);

                // What the node itself says about its end of the cable.
                var sys = await node.ShAsync("cd /sys/class/net/eth0 && cat address ifindex iflink operstate");
                Assert.Equal(0, sys.ExitCode);
                string[] lines = sys.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(("eth0", "veth", lines[0]), (eth0.Name, eth0.Kind, eth0.Mac));
                Assert.Equal(int.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture), eth0.Ifindex);
                // iflink is the peer's ifindex: the port on the bridge in the session's namespace.
                Assert.Equal(int.Parse(lines[2], System.Globalization.CultureInfo.InvariantCulture), port.Link.Ifindex);
                Assert.Equal(port.Link.Ifindex, eth0.PeerIfindex);
                Assert.Equal(eth0.Ifindex, port.Link.PeerIfindex);
                Assert.Equal(("UP", true), (eth0.OperState, eth0.Up));
                Assert.Equal([node.Sandbox.Address + "/24"], eth0.Addresses);
            }
            // Asked through the other member, it is the same network.
            var fromNode2 = await fixture.Client.InspectNetworkAsync(node2.Id);
            Assert.Equal(network.Ports.Select(p => (p.Link.Name, p.SandboxId)), fromNode2.Ports.Select(p => (p.Link.Name, p.SandboxId)));

            await node2.DisposeAsync();
            node2Removed = true;
            var after = await fixture.Client.InspectNetworkAsync(node1.Id);
            Assert.Equal([node1.Id], after.Members.Select(m => m.SandboxId));
            Assert.Equal([node1.Id], after.Ports.Select(p => p.SandboxId));
        }
        finally
        {
            if (!node2Removed)
                await node2.DisposeAsync();
        }
    }

    [RootFact(Requirement)]
    public async Task A_sandbox_on_no_session_network_has_none_to_inspect()
    {
        await using var alone = await fixture.StartAsync(new CreateSandboxRequest { Image = "busybox", Network = "none", Name = "alone" });
        var refused = await Assert.ThrowsAsync<ContainerLabApiException>(() => fixture.Client.InspectNetworkAsync(alone.Id));
        Assert.Equal(409, refused.Status);
    }
}
