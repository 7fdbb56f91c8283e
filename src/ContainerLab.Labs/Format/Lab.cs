namespace ContainerLab.Labs.Format;

/// <summary>
/// A guided lab as loaded from labs/&lt;id&gt;/lab.yaml: its nodes (sandboxes made for each student), its steps in order.
/// Paths are relative to <see cref="Directory"/> and were checked to exist, to stay inside it and to be files.
/// </summary>
public sealed record Lab(
    string Id,
    string Directory,
    string Title,
    string Summary,
    int Minutes,
    bool Sequential,
    IReadOnlyList<LabNode> Nodes,
    IReadOnlyList<LabStep> Steps)
{
    public const int SchemaVersion = 1;
    public const string ManifestName = "lab.yaml";

    public LabStep? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);

    /// <summary>The full path of a file named in the manifest.</summary>
    public string PathOf(string relative) => Path.Combine(Directory, relative);
}

/// <summary>A sandbox every student of the lab gets: its image, privilege profile and limits (null = the server's default).</summary>
public sealed record LabNode(string Name, string Image, string Profile, long? MemoryBytes, int? Pids, double? Cpus, string Kind = LabNode.Container)
{
    public const string Container = "container";

    /// <summary>A VM node: QEMU boots the image's guest on a kernel of its own (docs/VMS.md).</summary>
    public const string Vm = "vm";

    /// <summary>What the server must have for this node: its image, or for a VM node the vm image (QEMU, the kernel, the guest).</summary>
    public string NeededImage => Kind == Vm ? "vm" : Image;
}

/// <summary>One step: its text, what runs before it is shown, how it is checked, and its solution.</summary>
/// <param name="Needs">Steps that must pass before this one unlocks (with <see cref="Lab.Sequential"/>, the one before it too).</param>
/// <param name="Background">Checks also run continuously while the step is open, not only on Check.</param>
public sealed record LabStep(
    string Id,
    string Title,
    string TextFile,
    string? SetupFile,
    string? SolutionFile,
    IReadOnlyList<LabCheck> Checks,
    bool Background,
    IReadOnlyList<string> Needs,
    LabQuiz? Quiz,
    int Line)
{
    /// <summary>The node the step's setup and solution run in (`node:`, default the lab's first); checks name their own.</summary>
    public string Node { get; init; } = "node1";

    /// <summary>A step with nothing to check or answer passes when the student moves on.</summary>
    public bool IsReading => Checks.Count == 0 && Quiz is null;
}

/// <summary>A single or multiple choice question; each answer explains itself, right or wrong.</summary>
public sealed record LabQuiz(string Question, bool Multiple, IReadOnlyList<LabAnswer> Answers)
{
    /// <summary>Whether exactly the right answers were chosen (indexes into <see cref="Answers"/>).</summary>
    public bool IsRight(IReadOnlyCollection<int> chosen) =>
        chosen.Count > 0 && chosen.All(i => i >= 0 && i < Answers.Count)
        && Answers.Select((a, i) => a.Correct == chosen.Contains(i)).All(ok => ok);
}

public sealed record LabAnswer(string Text, bool Correct, string Explanation);

/// <summary>Something wrong in a lab, where it is: the file (relative to the labs root or the lab) and the 1-based line (0 = the file as a whole).</summary>
public sealed record LabProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
