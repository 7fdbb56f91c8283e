using ContainerLab.Labs.Format;
using ContainerLab.Labs.Testing;

namespace ContainerLab.Web.LabUploads;

public enum DraftTest { NotRun, Running, Passed, Failed }

/// <summary>
/// An uploaded lab before it is published: its folder (unpacked, or converted from a Killercoda scenario), every problem
/// `labs validate` finds in it, and the lab tester's run on it. Only a valid draft whose last test passed is published.
/// </summary>
public sealed class LabDraft(string id, string ownerId, string fileName, string folder, DateTimeOffset uploadedAt, LabLoadResult load,
    IReadOnlyList<LabProblem> notes, bool fromKillercoda)
{
    private readonly Lock _gate = new();
    private readonly List<LabStepTestResult> _results = [];

    /// <summary>128 random bits: the draft's address (/labs/drafts/ID), checked against its owner on every use.</summary>
    public string Id { get; } = id;
    public string OwnerId { get; } = ownerId;
    public string FileName { get; } = fileName;
    /// <summary>The lab folder (its name is the lab's id).</summary>
    public string Folder { get; } = folder;
    public DateTimeOffset UploadedAt { get; } = uploadedAt;
    public LabLoadResult Load { get; } = load;
    /// <summary>What a Killercoda import did not carry over (not problems: the lab is valid without them).</summary>
    public IReadOnlyList<LabProblem> Notes { get; } = notes;
    public bool FromKillercoda { get; } = fromKillercoda;
    public string LabId => Load.Id;

    public DraftTest Test { get; private set; }
    public string? TestError { get; private set; }
    public bool Published { get; private set; }

    public IReadOnlyList<LabStepTestResult> Results
    {
        get { lock (_gate) return [.. _results]; }
    }

    public bool CanTest => Load.IsValid && Test != DraftTest.Running && !Published;
    public bool CanPublish => Load.IsValid && Test == DraftTest.Passed && !Published;

    /// <summary>Raised when the test moved on or the draft was published (the draft's page redraws).</summary>
    public event Action? Changed;

    internal bool BeginTest()
    {
        lock (_gate)
        {
            if (!CanTest)
                return false;
            _results.Clear();
            (Test, TestError) = (DraftTest.Running, null);
        }
        Changed?.Invoke();
        return true;
    }

    internal void StepTested(LabStepTestResult result)
    {
        lock (_gate) _results.Add(result);
        Changed?.Invoke();
    }

    internal void EndTest(string? error)
    {
        lock (_gate)
        {
            TestError = error;
            Test = error is null && _results.Count > 0 && _results.All(r => r.Ok) ? DraftTest.Passed : DraftTest.Failed;
        }
        Changed?.Invoke();
    }

    internal void MarkPublished()
    {
        Published = true;
        Changed?.Invoke();
    }
}
