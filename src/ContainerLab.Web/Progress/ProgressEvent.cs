namespace ContainerLab.Web.Progress;

/// <summary>
/// One thing a learner did in a lab, appended and never changed: progress is what these events add up to, so an export,
/// an instructor's grid and the student's own page all read the same record, and nothing a crash interrupts is half
/// written. <see cref="Learner"/> is an account's id, or the browser's learner cookie for anonymous practice.
/// </summary>
public sealed class ProgressEvent
{
    public const int KeyMaxLength = 128;
    public const int DetailMaxLength = 16 * 1024;

    public long Id { get; set; }
    public required string Learner { get; set; }
    public required string Lab { get; set; }
    public required string Step { get; set; }
    public ProgressEventKind Kind { get; set; }
    /// <summary>For a check: all passed; for a quiz: the answer was right; for a pass: true.</summary>
    public bool Passed { get; set; }
    /// <summary>JSON: each check's name, verdict and message, or the quiz answers chosen (at most <see cref="DetailMaxLength"/> characters).</summary>
    public string? Detail { get; set; }
    /// <summary>When, in milliseconds since the Unix epoch (UTC): ordered and compared the same on every provider.</summary>
    public long AtUnixMs { get; set; }

    public DateTimeOffset At => DateTimeOffset.FromUnixTimeMilliseconds(AtUnixMs);
}
