using ContainerLab.Web.Components.Workspaces;
using ContainerLab.Web.Sessions;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests;

/// <summary>The whole workspace over a real SessionRegistry, a fake sandbox host and xterm.js replaced by bUnit's JS interop.</summary>
public sealed class WorkspaceTests : BunitContext
{
    private readonly TestSessions _lab = new(o => { o.NodesPerSession = 3; o.TerminalsPerNode = 2; });
    private readonly TestLabs _labs = new();
    private readonly BunitJSModuleInterop _module;
    private readonly BunitJSModuleInterop _terminal;

    public WorkspaceTests()
    {
        Services.AddScoped<ContainerLab.Web.Components.Kernel.Chain.ChainLog>();
        Services.AddSingleton(_lab.Registry);
        Services.AddSingleton(_lab.Limits);
        Services.AddSingleton<ContainerLab.Web.Sandboxes.ISandboxHost>(_lab.Host);
        Services.AddSingleton(_lab.Errors);
        Services.AddSingleton(_labs.Library);
        Services.AddSingleton(_labs.Progress);
        Services.AddSingleton<TimeProvider>(_lab.Time);
        Services.AddSingleton(new ContainerLab.Web.Classes.ClassDirectory(_labs.Database.Factory, _lab.Time));
        Services.AddSingleton(new ContainerLab.Web.Classes.ClassMessages(_lab.Time));
        Services.AddSingleton(new ContainerLab.Web.Terminals.TerminalWatch());
        _module = JSInterop.SetupModule("./Components/Workspaces/TerminalView.razor.js");
        _terminal = _module.SetupModule("open", _ => true);
        _module.Setup<int>("fontSize").SetResult(14);
        // Answered: a call left pending fails the test (JSRuntimeInvocationNotSetException) whenever a later render waits on it.
        JSInterop.SetupModule("./Components/Workspaces/LimitsBanner.razor.js").Setup<System.Text.Json.JsonElement>("timeZone")
            .SetResult(System.Text.Json.JsonDocument.Parse("""{"name":"UTC","offsetMinutes":0}""").RootElement);
        _terminal.SetupVoid("show", _ => true).SetVoidResult();
        _terminal.SetupVoid("dispose").SetVoidResult();
        JSInterop.SetupModule("./Components/Kernel/Chain/ChainPanel.razor.js").SetupVoid("measureBrowser", _ => true).SetVoidResult();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _labs.Dispose();
    }

    /// <summary>Rendered as in the browser once the circuit runs (interactive server); services must all be added before.</summary>
    private IRenderedComponent<Workspace> RenderWorkspace(string token)
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Render<Workspace>(p => p.Add(x => x.Token, token));
    }

    [Fact]
    public void An_unknown_token_shows_that_the_session_has_ended()
    {
        var cut = RenderWorkspace("0123456789abcdef0123456789abcdef");

        Assert.Contains("Your session has ended", cut.Find("p.ended[role=alert]").TextContent);
        Assert.Empty(cut.FindAll(".workspace"));
        Assert.Empty(_module.Invocations);
    }

    [Fact]
    public async Task Shows_nodes_tabs_of_the_selected_node_and_a_terminal_host_per_terminal()
    {
        var session = await _lab.StartAsync();
        await _lab.Registry.AddNodeAsync(session, CancellationToken.None);
        await _lab.Registry.OpenTerminalAsync(session, "node1", new(80, 24), CancellationToken.None);

        var cut = RenderWorkspace(session.Token);

        Assert.Equal(["node1", "node2"], cut.FindAll(".node-list li").Select(li => li.GetAttribute("data-node")));
        Assert.Equal("node1", cut.Find("button.node[aria-current=true] .name").TextContent);
        Assert.Equal(["node1 — 1", "node1 — 2"], cut.FindAll(".terminal-tabs [role=tab]").Select(t => t.TextContent.Trim()));
        var views = cut.FindAll("div.terminal-view");
        Assert.Equal(["node1/init", "node1/p1", "node2/init"], views.Select(v => $"{v.GetAttribute("data-node")}/{v.GetAttribute("data-terminal")}"));
        Assert.Equal([false, true, true], views.Select(v => v.HasAttribute("hidden")));
        Assert.Contains("Nodes: 2 of 3", cut.Find("div.limits-banner").TextContent);

        cut.WaitForAssertion(() => Assert.Equal(3, _module.Invocations["open"].Count));
        Assert.Equal(["node1/init", "node1/p1", "node2/init"], _module.Invocations["open"].Select(i => $"{i.Arguments[1]}/{i.Arguments[2]}"));
        Assert.Equal(false, Assert.Single(_terminal.Invocations["show"]).Arguments[0]); // the page's first render: the focus only if free
    }

    [Fact]
    public async Task Adding_a_node_shows_and_selects_it_until_the_limit()
    {
        var session = await _lab.StartAsync();
        var cut = RenderWorkspace(session.Token);

        cut.Find("button.add-node").Click();
        // The kernel panels of the newly selected node render asynchronously: wait for the add to settle before the next click.
        cut.WaitForAssertion(() => Assert.Equal("node2", cut.Find("button.node[aria-current=true] .name").TextContent), TimeSpan.FromSeconds(10));
        cut.Find("button.add-node").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, _lab.Host.Created.Count), TimeSpan.FromSeconds(10));
        Assert.Equal("node3", cut.Find("button.node[aria-current=true] .name").TextContent);
        Assert.Equal("10.88.0.5", cut.Find("li[data-node=node3] .address").TextContent);
        Assert.True(cut.Find("button.add-node").HasAttribute("disabled"));
        Assert.Equal(["node3 — 1"], cut.FindAll(".terminal-tabs [role=tab]").Select(t => t.TextContent.Trim()));
        Assert.Equal(3, cut.FindAll("div.terminal-view").Count);
    }

    [Fact]
    public async Task Opening_a_terminal_adds_a_tab_and_disables_plus_at_the_limit()
    {
        var session = await _lab.StartAsync();
        var cut = RenderWorkspace(session.Token);

        cut.Find("button.open-terminal").Click();

        Assert.Equal(["false", "true"], cut.FindAll(".terminal-tabs [role=tab]").Select(t => t.GetAttribute("aria-selected")));
        Assert.True(cut.Find("button.open-terminal").HasAttribute("disabled"));
        Assert.Equal(new Api.Contracts.TerminalSizeDto(80, 24), Assert.Single(_lab.Host.TerminalsOpened).Size);
        Assert.Equal("p1", Assert.Single(cut.FindAll("div.terminal-view:not([hidden])")).GetAttribute("data-terminal"));
    }

    [Fact]
    public async Task Removing_a_node_removes_its_entry_and_terminal()
    {
        var session = await _lab.StartAsync();
        await _lab.Registry.AddNodeAsync(session, CancellationToken.None);
        var cut = RenderWorkspace(session.Token);

        cut.Find("button[aria-label='Remove node1']").Click();

        Assert.Equal(["sb-0001"], _lab.Host.Removed);
        Assert.Equal(["node2"], cut.FindAll(".node-list li").Select(li => li.GetAttribute("data-node")));
        Assert.Equal("node2", Assert.Single(cut.FindAll("div.terminal-view")).GetAttribute("data-node"));
        Assert.Equal("node2", cut.Find("button.node[aria-current=true] .name").TextContent);
    }

    [Fact]
    public async Task A_host_error_is_shown_as_a_message()
    {
        var session = await _lab.StartAsync();
        var cut = RenderWorkspace(session.Token);
        _lab.Host.Failure = new HttpRequestException("connection refused");

        cut.Find("button.add-node").Click();

        Assert.Equal("The sandbox host is not reachable right now.", cut.Find("p.message[role=status]").TextContent);
        Assert.Single(cut.FindAll(".node-list li"));
        Assert.False(cut.Find("button.add-node").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_banner_turns_into_a_warning_as_the_idle_timeout_nears()
    {
        var session = await _lab.StartAsync();
        var cut = RenderWorkspace(session.Token);
        Assert.Equal("status", cut.Find("div.limits-banner").GetAttribute("role"));

        _lab.Time.Advance(_lab.Options.IdleTimeout - _lab.Options.IdleWarning);

        cut.WaitForAssertion(() => Assert.Equal("alert", cut.Find("div.limits-banner").GetAttribute("role")));
        Assert.Contains("Your session ends in 5 min", cut.Find(".deadline").TextContent);
    }

    [Fact]
    public async Task A_session_ended_elsewhere_shows_the_ended_message_at_the_next_tick()
    {
        var session = await _lab.StartAsync();
        var cut = RenderWorkspace(session.Token);

        await _lab.Registry.EndAsync(session, CancellationToken.None);
        _lab.Time.Advance(TimeSpan.FromSeconds(15));

        cut.WaitForAssertion(() => Assert.Contains("Your session has ended", cut.Find("p.ended").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("div.terminal-view"));
        cut.WaitForAssertion(() => Assert.Single(_terminal.Invocations["dispose"]), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Fifty_nodes_render_fifty_entries_and_terminals()
    {
        var lab = new TestSessions(o => o.NodesPerSession = 50);
        Services.AddScoped<ContainerLab.Web.Components.Kernel.Chain.ChainLog>();
        Services.AddSingleton(lab.Registry);
        Services.AddSingleton(lab.Limits);
        Services.AddSingleton<ContainerLab.Web.Sandboxes.ISandboxHost>(lab.Host);
        Services.AddSingleton(lab.Errors);
        var session = await lab.StartAsync();
        for (int i = 1; i < 50; i++)
            await lab.Registry.AddNodeAsync(session, CancellationToken.None);

        var cut = RenderWorkspace(session.Token);

        Assert.Equal(50, cut.FindAll(".node-list li").Count);
        Assert.Equal(50, cut.FindAll("div.terminal-view").Count);
        Assert.Contains("Nodes: 50 of 50", cut.Find("div.limits-banner").TextContent);
        Assert.True(cut.Find("button.add-node").HasAttribute("disabled"));
    }
}
