using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ContainerLab.Api.Client;
using ContainerLab.Labs.Markdown;

namespace ContainerLab.Labs.Testing;

/// <summary>What typing one run block gave: the shell's <c>$?</c> after it (null: it did not come back), and its output.</summary>
public sealed record TypedBlock(int? Status, string Output, bool TimedOut, bool ShellEnded);

/// <summary>
/// A node's terminal as a student has it: the sandbox's own shell ("init", the terminal the web shows first), into
/// which a Run button types a block as it is, with a final newline. The tester types the same bytes, then a line that
/// prints the shell's <c>$?</c> after a marker, and waits for that marker: so blocks share one shell (a variable, a
/// <c>cd</c>, a nested <c>unshare ... sh</c> carry over to the next block, as they do for the student), and each block
/// gets an exit status. The marker is printed with printf arguments, so the terminal's echo of the typed line never
/// matches it.
/// </summary>
public sealed partial class NodeTerminal : IAsyncDisposable
{
    private readonly ProcessAttachment _attachment;
    private readonly string _nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly StringBuilder _screen = new();
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private int _typed;
    private int? _shellExit;
    private bool _shellEnded;

    private NodeTerminal(ProcessAttachment attachment)
    {
        _attachment = attachment;
        _reading = Task.Run(ReadAsync);
    }

    public static async Task<NodeTerminal> AttachAsync(ContainerLabClient client, string sandboxId, CancellationToken cancellationToken) =>
        new(await client.AttachAsync(sandboxId, "init", replay: false, ct: cancellationToken).ConfigureAwait(false));

    /// <summary>Types <paramref name="block"/> and waits up to <paramref name="timeout"/> for the shell to take the next line.</summary>
    public async Task<TypedBlock> TypeAsync(RunBlock block, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string marker = $"clab-done-{_nonce}.{++_typed}";
        var done = new Regex(Regex.Escape(marker) + @":(\d+)");
        int start;
        lock (_screen) start = _screen.Length;
        // printf's arguments keep the marker and its status apart in the typed text, so only the output matches.
        string typed = block.Code + "\n" + $"printf '%s:%s\\n' {marker} \"$?\"\n";
        await _attachment.SendInputAsync(Encoding.UTF8.GetBytes(typed), cancellationToken).ConfigureAwait(false);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            string output;
            bool ended;
            lock (_screen)
            {
                output = _screen.ToString(start, _screen.Length - start);
                ended = _shellEnded;
            }
            if (done.Match(output) is { Success: true } match)
                return new TypedBlock(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Readable(output[..match.Index]), false, false);
            if (ended)
                return new TypedBlock(_shellExit, Readable(output), false, true);
            try
            {
                await _changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C, as the student would press it, so the next block finds a prompt.
                await _attachment.SendInputAsync("\u0003"u8.ToArray(), CancellationToken.None).ConfigureAwait(false);
                return new TypedBlock(null, Readable(output), true, false);
            }
        }
    }

    private async Task ReadAsync()
    {
        var chars = new char[64 * 1024];
        try
        {
            await foreach (var frame in _attachment.ReadAsync(_stop.Token).ConfigureAwait(false))
            {
                if (frame.IsExit)
                {
                    _shellExit = frame.ExitCode;
                    break;
                }
                int count = _utf8.GetChars(frame.Data.Span, chars, flush: false);
                lock (_screen) _screen.Append(chars, 0, count);
                // busybox ash asks where the cursor is (ESC[6n) before it edits a line; xterm.js answers, so do we.
                if (frame.Data.Span.IndexOf("\u001b[6n"u8) >= 0)
                    await _attachment.SendInputAsync("\u001b[1;1R"u8.ToArray(), _stop.Token).ConfigureAwait(false);
                _changed.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException or ContainerLabApiException) { }
        finally
        {
            lock (_screen) _shellEnded = true;
            _changed.Release();
        }
    }

    /// <summary>The output without terminal control sequences, carriage returns and the typed marker lines.</summary>
    private static string Readable(string output) =>
        string.Join('\n', ControlSequence().Replace(output, "").Replace("\r", "").Split('\n')
            .Where(line => !line.Contains("clab-done-", StringComparison.Ordinal) && line.Trim() is not ("" or "#" or "$")));

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78DEHMc])")]
    private static partial Regex ControlSequence();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _attachment.DisposeAsync().ConfigureAwait(false);
        try { await _reading.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
        _changed.Dispose();
    }
}
