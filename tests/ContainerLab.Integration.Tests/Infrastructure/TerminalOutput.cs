using System.Text;
using ContainerLab.Api.Client;

namespace ContainerLab.Integration.Tests.Infrastructure;

/// <summary>Reading a terminal's output the way a person watches it: until something appears.</summary>
public static class TerminalOutput
{
    /// <summary>
    /// Output until <paramref name="marker"/> appears (or the process exits when null); fails with what came when the
    /// marker does not appear in time or the process ends first.
    /// </summary>
    public static async Task<string> ReadUntilAsync(ProcessAttachment attachment, string? marker, TimeSpan timeout)
    {
        var text = new StringBuilder();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var frame in attachment.ReadAsync(cancel.Token))
            {
                if (frame.IsExit)
                    break;
                text.Append(Encoding.UTF8.GetString(frame.Data.Span));
                if (marker is not null && text.ToString().Contains(marker, StringComparison.Ordinal))
                    return text.ToString();
            }
            if (marker is null)
                return text.ToString();
        }
        catch (OperationCanceledException) { }
        throw new Xunit.Sdk.XunitException($"no {(marker is null ? "exit" : $"'{marker}'")} within {timeout.TotalSeconds:0} s; the terminal showed:\n{text}");
    }
}
