using Microsoft.JSInterop;

namespace ContainerLab.Web.Tests.Fakes;

/// <summary>What TerminalView.razor.js's open() returns: records the calls made on it (show, dispose).</summary>
internal sealed class FakeJSObjectReference : IJSObjectReference
{
    private readonly Lock _lock = new();
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get { lock (_lock) return [.. _calls]; }
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        lock (_lock) _calls.Add(identifier);
        return ValueTask.FromResult(default(TValue)!);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
