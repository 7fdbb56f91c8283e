using System.Diagnostics.Metrics;
using ContainerLab.Web.Progress;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Operations;

/// <summary>
/// The web's own measurements (meter "ContainerLab.Web"): sessions and nodes now, open circuits, and the Checks and quiz
/// answers students make (counted from the progress log's committed events, so a Check counts once it is kept).
/// </summary>
public sealed class WebMetrics : IDisposable
{
    public const string MeterName = "ContainerLab.Web";

    private readonly Meter _meter;
    private readonly ProgressLog _progress;
    private readonly Counter<long> _checks;
    private readonly UpDownCounter<long> _circuits;

    public WebMetrics(IMeterFactory meters, SessionRegistry sessions, ProgressLog progress)
    {
        _meter = meters.Create(MeterName);
        _progress = progress;
        _meter.CreateObservableGauge("containerlab.sessions", () => sessions.Count, description: "Student sessions open now.");
        _meter.CreateObservableGauge("containerlab.nodes", () => sessions.NodeCount, description: "Nodes (containers and VMs) of open sessions.");
        _checks = _meter.CreateCounter<long>("containerlab.checks", description: "Checks run and quiz answers given by students, as committed.");
        _circuits = _meter.CreateUpDownCounter<long>("containerlab.circuits", description: "Blazor circuits (open pages) connected now.");
        _progress.Appended += OnAppended;
    }

    private long _open;

    /// <summary>Circuits (open interactive pages) connected now, as the gauge counts them.</summary>
    public long Circuits => Interlocked.Read(ref _open);

    public void CircuitOpened()
    {
        Interlocked.Increment(ref _open);
        _circuits.Add(1);
    }

    public void CircuitClosed()
    {
        Interlocked.Decrement(ref _open);
        _circuits.Add(-1);
    }

    private void OnAppended(ProgressEvent e)
    {
        if (e.Kind is ProgressEventKind.Check or ProgressEventKind.Quiz)
            _checks.Add(1, new KeyValuePair<string, object?>("kind", e.Kind == ProgressEventKind.Check ? "check" : "quiz"));
    }

    public void Dispose()
    {
        _progress.Appended -= OnAppended;
        _meter.Dispose();
    }
}
