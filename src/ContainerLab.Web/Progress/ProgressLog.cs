using System.Text.Json;
using ContainerLab.Labs.Checks;
using ContainerLab.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace ContainerLab.Web.Progress;

/// <summary>
/// Appends progress events and reads what they add up to. An append returns once the database committed it (on SQLite
/// synced to disk, see <see cref="SqliteDurability"/>): a caller shows a result to the student only after that, so a
/// result the student saw is never lost to a crash of the web.
/// </summary>
public sealed class ProgressLog(IDbContextFactory<ClassroomDb> databases, TimeProvider time)
{
    /// <summary>Raised after an event is committed (the instructor's live view listens).</summary>
    public event Action<ProgressEvent>? Appended;

    public Task RecordCheckAsync(string learner, string lab, string step, IReadOnlyList<CheckResult> results, CancellationToken cancellationToken) =>
        AppendAsync(learner, lab, step, ProgressEventKind.Check, results.All(r => r.Passed),
            JsonSerializer.Serialize(results.Take(MaxChecksKept).Select(r => new { passed = r.Passed, message = Shorten(r.Message) })), cancellationToken);

    public Task RecordQuizAsync(string learner, string lab, string step, IReadOnlyCollection<int> chosen, bool right, CancellationToken cancellationToken) =>
        AppendAsync(learner, lab, step, ProgressEventKind.Quiz, right, JsonSerializer.Serialize(new { chosen = chosen.Order() }), cancellationToken);

    public Task RecordPassAsync(string learner, string lab, string step, CancellationToken cancellationToken) =>
        AppendAsync(learner, lab, step, ProgressEventKind.Passed, true, null, cancellationToken);

    public async Task<IReadOnlySet<string>> PassedAsync(string learner, string lab, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var steps = await db.ProgressEvents.AsNoTracking()
            .Where(e => e.Learner == learner && e.Lab == lab && e.Kind == ProgressEventKind.Passed)
            .Select(e => e.Step).Distinct().ToListAsync(cancellationToken);
        return steps.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The steps a learner passed in every lab they began (the catalogue's finished / in progress).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> PassedByLabAsync(string learner, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var passed = await db.ProgressEvents.AsNoTracking()
            .Where(e => e.Learner == learner && e.Kind == ProgressEventKind.Passed)
            .Select(e => new { e.Lab, e.Step }).Distinct().ToListAsync(cancellationToken);
        return passed.GroupBy(p => p.Lab, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(p => p.Step).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>A learner's events (in one lab, or all), oldest first.</summary>
    public async Task<IReadOnlyList<ProgressEvent>> EventsAsync(string learner, string? lab, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var events = db.ProgressEvents.AsNoTracking().Where(e => e.Learner == learner);
        if (lab is not null)
            events = events.Where(e => e.Lab == lab);
        return await events.OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    // A check's message is what its command printed: kept up to 1 KiB each, for at most 12 checks, within DetailMaxLength.
    private const int MaxChecksKept = 12;
    private const int MaxMessageChars = 1024;

    private static string Shorten(string message) => message.Length <= MaxMessageChars ? message : message[..MaxMessageChars] + "…";

    /// <summary>The events of several learners in the given labs, oldest first (a class's grid and its export).</summary>
    public async Task<IReadOnlyList<ProgressEvent>> EventsOfAsync(IReadOnlyCollection<string> learners, IReadOnlyCollection<string> labs, CancellationToken cancellationToken)
    {
        if (learners.Count == 0 || labs.Count == 0)
            return [];
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ProgressEvents.AsNoTracking().Where(e => learners.Contains(e.Learner) && labs.Contains(e.Lab))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
    }

    private async Task AppendAsync(string learner, string lab, string step, ProgressEventKind kind, bool passed, string? detail, CancellationToken cancellationToken)
    {
        var appended = new ProgressEvent
        {
            Learner = learner,
            Lab = lab,
            Step = step,
            Kind = kind,
            Passed = passed,
            Detail = detail,
            AtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            db.ProgressEvents.Add(appended);
            // Not cancelled once begun: a commit the student's page gave up on is still the student's work.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        Appended?.Invoke(appended);
    }
}
