using System.Globalization;
using ContainerLab.Api.Client;

namespace ContainerLab.Web.Components.Kernel.Chain;

/// <summary>What a traced request did, for the picture's labels: a limit change or a node start.</summary>
public enum ChainRequestKind { Limits, NodeStart }

/// <summary>
/// One request the student made from this page, with the time each layer measured: the web from the event reaching the
/// circuit to the daemon's answer in hand (<see cref="WebMs"/>), the API client around the HTTP call, containerlabd's
/// own Server-Timing (daemon, runtime, kernel: docs/API.md), and, once the page reports it, the browser from the click
/// to the answer drawn (<see cref="BrowserMs"/>). Each hop's own time is its total minus the layer below, so the hops
/// add up to what the browser saw.
/// </summary>
public sealed record ChainTrace(long Id, ChainRequestKind Kind, string Request, double WebMs, DaemonTiming Daemon, double? BrowserMs = null)
{
    public double? DaemonMs => Daemon.Metric("daemon")?.DurationMs;
    public double? RuntimeMs => Daemon.Metric("runtime")?.DurationMs;
    public double? KernelMs => Daemon.Metric("kernel")?.DurationMs;
    public string? RuntimeCall => Daemon.Metric("runtime")?.Description;
    public string? KernelWork => Daemon.Metric("kernel")?.Description;

    /// <summary>The browser and the SignalR link both ways, with the answer's render: what the browser saw beyond the web's handling.</summary>
    public double? BrowserOwnMs => BrowserMs is double total ? Math.Max(0, total - WebMs) : null;

    /// <summary>The web's own part: the event handler's checks and the client, without the HTTP round trip.</summary>
    public double WebOwnMs => Math.Max(0, WebMs - Daemon.RoundTripMs);

    /// <summary>HTTP over the unix socket, there and back: the client's round trip minus what the daemon says it spent.</summary>
    public double? RestMs => DaemonMs is double daemon ? Math.Max(0, Daemon.RoundTripMs - daemon) : null;

    /// <summary>containerlabd's own part: validation, locks, files, without the runtime's process and the kernel read.</summary>
    public double? DaemonOwnMs => DaemonMs is double daemon ? Math.Max(0, daemon - (RuntimeMs ?? 0) - (KernelMs ?? 0)) : null;

    /// <summary>From click to answer on screen when the browser has said so, else what the web measured.</summary>
    public double TotalMs => BrowserMs ?? WebMs;

    public static string Ms(double? milliseconds) => milliseconds is double ms
        ? $"{ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture)} ms"
        : "not measured";
}
