using ContainerLab.Web.Sessions;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Workspaces;

/// <summary>The student's session: nodes on the left, terminal tabs and terminals on the right, limits on top.</summary>
public sealed partial class Workspace
{
    private WorkspaceModel? _model;
    private PeriodicTimer? _clock;
    private readonly CancellationTokenSource _stop = new();

    [Parameter, EditorRequired] public string Token { get; set; } = "";
    [Inject] private SessionRegistry Sessions { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private Kernel.Chain.ChainLog Chain { get; set; } = default!;
    [Inject] private Sandboxes.ISandboxHost Host { get; set; } = default!;
    [Inject] private Sandboxes.SandboxHostErrors Errors { get; set; } = default!;
    [Inject] private ContainerLab.Web.Catalogue.LabLibrary Labs { get; set; } = default!;
    [Inject] private ContainerLab.Web.Progress.ProgressLog Progress { get; set; } = default!;

    private ContainerLab.Web.LabRuns.LabRun? _lab;
    private bool _labMissing;

    /// <summary>Whose work the session is (an account's id, or a browser's learner id: a class finds only the former).</summary>
    private string? AccountId => _model?.Session.Learner;

    protected override async Task OnInitializedAsync()
    {
        if (Sessions.Find(Token) is { } session)
        {
            _model = new WorkspaceModel(Sessions, session, Time, Errors, Chain);
            session.NodeReset += OnNodeReset;
            _clock = new PeriodicTimer(TimeSpan.FromSeconds(15), Time);
            _ = RefreshAsync();
            if (session.LabId is { } labId)
            {
                if (Labs.Find(labId) is { } lab)
                {
                    _lab = new ContainerLab.Web.LabRuns.LabRun(lab, session, Progress, new ContainerLab.Web.LabRuns.SessionLabNodes(Host, session), Time, Errors);
                    await _lab.LoadAsync(_stop.Token);
                }
                else
                {
                    _labMissing = true;
                }
            }
        }
    }

    /// <summary>Re-renders the deadline banner (and notices the end of the session) every 15 s.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            while (await _clock!.WaitForNextTickAsync(_stop.Token))
            {
                if (Sessions.Find(Token) is null)
                    _model = null;
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException) { }
    }

    // Raised on the instructor's circuit: the student's page follows on its own (pushed over its circuit).
    private void OnNodeReset(string node) => _ = InvokeAsync(async () =>
    {
        _model?.NodeWasReset(node);
        StateHasChanged(); // the terminal's key names the sandbox: the fresh node's terminal attaches now
        if (_lab is not null)
        {
            await _lab.RestartStepAsync(_stop.Token);
            StateHasChanged();
        }
    });

    private Task AddNodeAsync() => _model!.AddNodeAsync();
    private Task AddVmNodeAsync() => _model!.AddVmNodeAsync();
    private Task RemoveNodeAsync(string node) => _model!.RemoveNodeAsync(node);
    private Task OpenTerminalAsync() => _model!.OpenTerminalAsync(80, 24);

    public ValueTask DisposeAsync()
    {
        if (_model is not null)
            _model.Session.NodeReset -= OnNodeReset;
        _stop.Cancel();
        _clock?.Dispose();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
