using ContainerLab.Api.Client;

namespace ContainerLab.Web.Components.Kernel.Chain;

/// <summary>
/// The last request this page traced (one per circuit: a student sees their own requests). Written by what makes the
/// request (the limit controls, the add-node button) and by the page's report of the browser's time; read by
/// <see cref="ChainPanel"/>, which redraws on <see cref="Changed"/>.
/// </summary>
public sealed class ChainLog
{
    private long _next;

    public ChainTrace? Last { get; private set; }

    public event Action? Changed;

    public ChainTrace Record(ChainRequestKind kind, string request, double webMs, DaemonTiming daemon)
    {
        var trace = new ChainTrace(Interlocked.Increment(ref _next), kind, request, webMs, daemon);
        Last = trace;
        Changed?.Invoke();
        return trace;
    }

    /// <summary>
    /// The page measured <paramref name="milliseconds"/> from the click to the answer of trace <paramref name="id"/> on
    /// screen. Kept only for the last trace, once, and only when it is at least the web's own time (the browser's span
    /// encloses the web's; anything shorter is a mismatched click, and a hostile page's number is not shown).
    /// </summary>
    public bool ReportBrowser(long id, double milliseconds)
    {
        if (Last is not { } last || last.Id != id || last.BrowserMs is not null
            || !double.IsFinite(milliseconds) || milliseconds < last.WebMs || milliseconds > 600_000)
            return false;
        Last = last with { BrowserMs = milliseconds };
        Changed?.Invoke();
        return true;
    }
}
