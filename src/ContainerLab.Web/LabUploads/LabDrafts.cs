using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ContainerLab.Api.Client;
using ContainerLab.Labs.Format;
using ContainerLab.Labs.Killercoda;
using ContainerLab.Labs.Testing;
using ContainerLab.Web.Catalogue;
using ContainerLab.Web.Sessions;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.LabUploads;

/// <summary>
/// Labs uploaded from the browser: unpacked (<see cref="LabArchive"/>) into a draft of the uploader's, validated as
/// `clabctl labs validate` does, tested by the lab tester on the daemon as `clabctl labs test` does, then published into
/// the library's folder for uploaded labs, replacing an earlier version of the same id in one rename (students keep
/// their progress: it is by lab and step id). Drafts live in memory; their folders are removed at start.
/// </summary>
public sealed partial class LabDrafts
{
    private readonly ConcurrentDictionary<string, LabDraft> _drafts = new(StringComparer.Ordinal);
    private readonly LabLibrary _library;
    private readonly ContainerLabClient _daemon;
    private readonly TimeProvider _time;
    private readonly ILogger<LabDrafts> _logger;

    public LabDrafts(LabLibrary library, IOptions<WebOptions> options, IHostEnvironment environment, ContainerLabClient daemon, TimeProvider time,
        ILogger<LabDrafts> logger)
    {
        (_library, _daemon, _time, _logger) = (library, daemon, time, logger);
        DraftsDirectory = Path.Combine(options.Value.DataPath(environment.ContentRootPath), "lab-drafts");
        if (Directory.Exists(DraftsDirectory))
            Directory.Delete(DraftsDirectory, recursive: true); // drafts of a web that ended: nobody can reach them any more
    }

    /// <summary>Where drafts are unpacked (in the data directory: the bundled labs' folder may be read-only).</summary>
    public string DraftsDirectory { get; }

    /// <summary>Unpacks and validates an upload into a new draft of <paramref name="ownerId"/>.</summary>
    /// <exception cref="LabArchiveException">the archive is refused: nothing of it is left on disk</exception>
    public LabDraft Receive(string ownerId, string fileName, Stream zip)
    {
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string draftFolder = Path.Combine(DraftsDirectory, id);
        string unpacked = Path.Combine(draftFolder, "unpacked");
        Directory.CreateDirectory(draftFolder);
        try
        {
            LabArchive.Extract(zip, unpacked);
            var (root, kind) = LabRoot(unpacked);
            string labId = root == unpacked ? IdFromFileName(fileName) : Path.GetFileName(root);
            string labFolder = Path.Combine(draftFolder, "lab", labId);
            Directory.CreateDirectory(Path.GetDirectoryName(labFolder)!);
            LabDraft draft;
            if (kind == UploadKind.Killercoda)
            {
                var imported = KillercodaImporter.Import(root, labFolder, new KillercodaImportOptions());
                var load = imported.Validation ?? new LabLoadResult(labId, labFolder, null, imported.Problems);
                draft = new LabDraft(id, ownerId, fileName, labFolder, _time.GetUtcNow(), load, imported.Notes, fromKillercoda: true);
            }
            else
            {
                Directory.Move(root, labFolder);
                draft = new LabDraft(id, ownerId, fileName, labFolder, _time.GetUtcNow(), LabLoader.Load(labFolder), [], fromKillercoda: false);
            }
            if (Directory.Exists(unpacked))
                Directory.Delete(unpacked, recursive: true);
            _drafts[id] = draft;
            LogReceived(_logger, draft.LabId, ownerId, draft.Load.Problems.Count);
            return draft;
        }
        catch
        {
            Directory.Delete(draftFolder, recursive: true);
            throw;
        }
    }

    private readonly ConcurrentDictionary<string, string> _refusals = new(StringComparer.Ordinal);

    /// <summary>Why the owner's last upload was refused, for the page they are sent back to (said once).</summary>
    public void Refuse(string ownerId, string reason) => _refusals[ownerId] = reason;

    public string? TakeRefusal(string ownerId) => _refusals.TryRemove(ownerId, out var reason) ? reason : null;

    /// <summary>The draft, if it is <paramref name="ownerId"/>'s (another instructor's draft is as unknown as a wrong id).</summary>
    public LabDraft? Find(string id, string ownerId) =>
        _drafts.TryGetValue(id, out var draft) && draft.OwnerId == ownerId ? draft : null;

    public IReadOnlyList<LabDraft> Of(string ownerId) =>
        [.. _drafts.Values.Where(d => d.OwnerId == ownerId).OrderByDescending(d => d.UploadedAt)];

    /// <summary>Runs the lab tester on the draft in the background (fresh sandboxes on the daemon); its page follows.</summary>
    public bool StartTest(LabDraft draft)
    {
        if (!draft.BeginTest())
            return false;
        _ = Task.Run(async () =>
        {
            string? error = null;
            try
            {
                await new LabTester(_daemon).TestAsync(draft.Load.Lab!, CancellationToken.None, draft.StepTested);
            }
            catch (Exception e) when (e is ContainerLabApiException or HttpRequestException or IOException)
            {
                error = $"the sandbox host did not answer: {e.Message}";
                LogTestFailed(_logger, draft.LabId, e);
            }
            draft.EndTest(error);
        });
        return true;
    }

    /// <summary>
    /// Publishes a tested draft: its folder becomes the library's lab of its id, replacing the one before in one rename
    /// (a student's page reads either the old or the new lab, never half of one).
    /// </summary>
    public void Publish(LabDraft draft)
    {
        if (!draft.CanPublish)
            throw new InvalidOperationException("only a valid lab whose test passed is published");
        string labs = _library.UploadedDirectory;
        Directory.CreateDirectory(labs);
        string target = Path.Combine(labs, draft.LabId);
        string staged = Path.Combine(labs, $".incoming-{draft.Id}");
        string replaced = Path.Combine(labs, $".replaced-{draft.Id}");
        Directory.Move(draft.Folder, staged);
        if (Directory.Exists(target))
            Directory.Move(target, replaced);
        Directory.Move(staged, target);
        if (Directory.Exists(replaced))
            Directory.Delete(replaced, recursive: true);
        _library.Invalidate();
        draft.MarkPublished();
        _drafts.TryRemove(draft.Id, out _);
        Directory.Delete(Path.Combine(DraftsDirectory, draft.Id), recursive: true);
        LogPublished(_logger, draft.LabId, draft.OwnerId);
    }

    public void Discard(LabDraft draft)
    {
        if (_drafts.TryRemove(draft.Id, out _) && Directory.Exists(Path.Combine(DraftsDirectory, draft.Id)))
            Directory.Delete(Path.Combine(DraftsDirectory, draft.Id), recursive: true);
    }

    private enum UploadKind { Lab, Killercoda }

    /// <summary>The lab's folder in the unpacked zip: its top, or the one folder at its top (as a zip of a folder is made).</summary>
    private static (string Root, UploadKind Kind) LabRoot(string unpacked)
    {
        foreach (string root in new[] { unpacked }.Concat(SingleFolder(unpacked)))
        {
            if (File.Exists(Path.Combine(root, Lab.ManifestName)))
                return (root, UploadKind.Lab);
            if (File.Exists(Path.Combine(root, "index.json")))
                return (root, UploadKind.Killercoda);
        }
        throw new LabArchiveException($"the zip has no {Lab.ManifestName} (a ContainerLab lab) or index.json (a Killercoda scenario) at its top or in its one folder");
    }

    private static IEnumerable<string> SingleFolder(string unpacked)
    {
        var entries = new DirectoryInfo(unpacked).GetFileSystemInfos();
        return entries is [DirectoryInfo only] ? [only.FullName] : [];
    }

    /// <summary>A zip of a lab's files (no folder in it) is named after the lab: "my-lab.zip" is the lab my-lab.</summary>
    private static string IdFromFileName(string fileName)
    {
        string stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName)).ToLowerInvariant();
        string id = NotIdCharacters().Replace(stem, "-").Trim('-');
        return id.Length is > 0 and <= 63 ? id : "uploaded-lab";
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotIdCharacters();

    [LoggerMessage(140, LogLevel.Information, "Lab upload {Lab} by {Owner}: {Problems} problem(s)")]
    private static partial void LogReceived(ILogger logger, string lab, string owner, int problems);

    [LoggerMessage(141, LogLevel.Information, "Lab {Lab} published by {Owner}")]
    private static partial void LogPublished(ILogger logger, string lab, string owner);

    [LoggerMessage(142, LogLevel.Warning, "Testing uploaded lab {Lab} failed")]
    private static partial void LogTestFailed(ILogger logger, string lab, Exception e);
}
