using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// The session's network as a picture (issue 10): after a second node joins, the picture shows both nodes' veth pairs
/// on the bridge with the addresses each node's own `ip -4 addr` reports, and stays within the kernel column, in
/// light and dark, on a desktop and on a phone, and follows the removal of a node. Checked on the boxes chromium laid out, not on markup alone.
/// </summary>
public sealed partial class NetworkPictureTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_second_node_appears_on_the_bridge_with_the_address_its_terminal_reports()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        var node1 = await TypedAddressAsync(page);
        await page.Locator(".network-panel g.net-node[data-name=node1]").WaitForAsync(new() { Timeout = 5000 });

        await page.ClickAsync(".add-node");
        await page.WaitForSelectorAsync("li[data-node=node2].selected");
        await page.WaitForPromptAsync();
        var node2 = await TypedAddressAsync(page);
        Assert.NotEqual(node1.Address, node2.Address);

        // node2 is selected: its kernel column draws the same network, node2 stressed.
        await page.Locator(".network-panel g.net-node[data-name=node2].is-selected").WaitForAsync(new() { Timeout = 5000 });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.network-panel g.net-node').length === 2", null, new() { Timeout = 5000 });
        await AssertPictureAsync(page, node1, node2, selected: "node2");
        await page.Locator(".network-panel").ScreenshotAsync(new() { Path = Shot("network-two-nodes-light") });
        await page.ScreenshotAsync("network-two-nodes-page");

        // Back on node1: the same network from node1's side, in the dark theme.
        await page.ClickAsync("li[data-node=node1] button.node");
        await page.Locator(".network-panel g.net-node[data-name=node1].is-selected").WaitForAsync(new() { Timeout = 5000 });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.network-panel g.net-node').length === 2", null, new() { Timeout = 5000 });
        await AssertPictureAsync(page, node1, node2, selected: "node1");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.Locator(".network-panel").ScreenshotAsync(new() { Path = Shot("network-two-nodes-dark") });

        // A phone: the picture scales down into the column without a horizontal scroll.
        await page.SetViewportSizeAsync(390, 844);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.ClickAsync(".pane-tabs [data-pane-target=kernel]"); // a phone shows one part at a time
        var panel = page.Locator(".network-panel");
        await panel.ScrollIntoViewIfNeededAsync();
        bool fits = await panel.EvaluateAsync<bool>("""
            p => { const s = p.querySelector('svg').getBoundingClientRect(), r = p.getBoundingClientRect();
                   return s.width > 200 && s.right <= r.right + 0.5 && p.scrollWidth <= p.clientWidth && r.right <= 390.5; }
            """);
        Assert.True(fits, "the network picture overflows on a 390 px phone");
        await panel.ScreenshotAsync(new() { Path = Shot("network-two-nodes-390") });

        // node2 removed while node1 is shown: the picture follows (the kernel column redraws, the panel reads again).
        await page.ClickAsync(".pane-tabs [data-pane-target=side]");
        await page.ClickAsync("li[data-node=node2] button.remove");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.network-panel g.net-node').length === 1", null, new() { Timeout = 10_000 });
        Assert.Equal(1, await page.Locator(".network-panel g.net-port").CountAsync());
        Assert.Equal(node1.Address, await page.Locator(".network-panel g.net-node[data-name=node1]").GetAttributeAsync("data-address"));
        Assert.Contains("Only node1 is on this network", await page.Locator(".network-panel .net-why").TextContentAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Types `ip -4 addr show dev eth0` in the visible terminal and returns its "a.b.c.d/len" and the N of "eth0@ifN":
    /// the ifindex of the veth's other end, the bridge port in the session's namespace.
    /// </summary>
    private static async Task<(string Address, string PeerIfindex)> TypedAddressAsync(IPage page)
    {
        await page.TypeAsync("ip -4 addr show dev eth0\n");
        await page.WaitForScreenAsync("inet 10.");
        string screen = await page.ScreenAsync();
        var inet = Inet().Match(screen);
        var peer = PeerIfindex().Match(screen);
        Assert.True(inet.Success && peer.Success, screen);
        return (inet.Groups[1].Value, peer.Groups[1].Value);
    }

    /// <summary>Both nodes drawn with their typed addresses, each joined by its veth cable from a port on the bridge bar to its eth0 dot.</summary>
    private static async Task AssertPictureAsync(IPage page, (string Address, string PeerIfindex) node1, (string Address, string PeerIfindex) node2, string selected)
    {
        string[] rows = await page.EvaluateAsync<string[]>("""
            () => { const svg = document.querySelector('.network-panel svg').getBoundingClientRect();
                const bar = document.querySelector('.network-panel .net-bridge rect').getBoundingClientRect();
                const near = (a, b) => Math.abs(a - b) < 2;
                const within = (b) => b.left >= svg.left - 0.5 && b.right <= svg.right + 0.5 && b.top >= svg.top - 0.5 && b.bottom <= svg.bottom + 0.5;
                return [...document.querySelectorAll('.network-panel g.net-row')].map(row => {
                    const node = row.querySelector('g.net-node'), port = row.querySelector('g.net-port rect').getBoundingClientRect();
                    const cable = row.querySelector('g.net-cable line').getBoundingClientRect(), eth = node.querySelector('circle.net-eth').getBoundingClientRect();
                    const box = node.querySelector('rect.net-area').getBoundingClientRect();
                    const joined = near(cable.left, port.right) && near(cable.right, eth.left + eth.width / 2) && near(port.left, bar.right)
                        && port.top >= bar.top && port.bottom <= bar.bottom && near(eth.left + eth.width / 2, box.left);
                    return `${node.dataset.name}|${node.dataset.address}|${row.querySelector('g.net-port').dataset.ifindex}|${node.textContent.includes(node.dataset.address)}|${joined}|${within(box)}`
                        + `|${node.classList.contains('is-selected')}|${row.querySelector('g.net-cable').classList.contains('is-up')}`;
                });
            }
            """);
        Assert.Equal([
            $"node1|{node1.Address}|{node1.PeerIfindex}|true|true|true|{(selected == "node1" ? "true" : "false")}|true",
            $"node2|{node2.Address}|{node2.PeerIfindex}|true|true|true|{(selected == "node2" ? "true" : "false")}|true",
        ], rows);
        Assert.Equal("br0 · bridge · up", (await page.Locator(".network-panel g.net-bridge text").TextContentAsync())?.Trim());
        Assert.Contains("node1, node2 reach each other by address and by name", await page.Locator(".network-panel .net-why").TextContentAsync());
        Assert.Contains("reaches " + (selected == "node1" ? "node2" : "node1"),
            await page.Locator($".network-panel g.net-node[data-name={selected}]").TextContentAsync());
    }

    private static string Shot(string name) => Path.Combine(LabFixture.ScreenshotDirectory, name + ".png");

    [GeneratedRegex(@"eth0@if(\d+):")]
    private static partial Regex PeerIfindex();

    [GeneratedRegex(@"inet (10\.\d+\.\d+\.\d+/\d+)")]
    private static partial Regex Inet();
}
