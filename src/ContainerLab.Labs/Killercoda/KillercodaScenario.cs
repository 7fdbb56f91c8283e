using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// A Killercoda scenario as read from its index.json: its pages in order (intro, steps, finish) and the assets of its
/// first host. Every file it names was checked (inside the folder, no symlink, within the size limits) and read once
/// into <see cref="Files"/>, keyed by its path relative to the scenario folder, so what is converted is what was checked.
/// </summary>
public sealed record KillercodaScenario(
    string Directory,
    string Title,
    string Description,
    int? Minutes,
    string? ImageId,
    IReadOnlyList<KillercodaPage> Pages,
    IReadOnlyList<KillercodaAsset> Assets,
    IReadOnlyDictionary<string, byte[]> Files);

public enum KillercodaPageKind { Intro, Step, Finish }

/// <summary>
/// One page of the scenario. Paths are relative to the scenario folder. <paramref name="Solution"/> is the
/// <c>solution.sh</c> found beside <paramref name="Verify"/> (docs/KILLERCODA.md): Killercoda itself has no solutions.
/// </summary>
/// <param name="Line">The line of index.json that declares the page.</param>
public sealed record KillercodaPage(
    KillercodaPageKind Kind,
    string Id,
    string Title,
    string Text,
    string? Verify,
    string? Solution,
    string? Background,
    string? Foreground,
    int Line);

/// <summary>A file of the scenario's <c>assets/</c> folder that Killercoda copies into host01 before the scenario starts.</summary>
/// <param name="Source">Its path relative to the scenario folder (assets/...).</param>
/// <param name="TargetDirectory">The absolute directory inside the node ("~" already made /root).</param>
/// <param name="Chmod">A chmod mode to apply (+x, 0755, u+rw,go-w), or null.</param>
public sealed record KillercodaAsset(string Source, string TargetDirectory, string? Chmod, int Line)
{
    public string TargetPath => TargetDirectory.TrimEnd('/') + "/" + Path.GetFileName(Source);
}

/// <summary>
/// index.json read: the scenario when nothing stops the import, the problems that do (each with file and line), and
/// notes on what will not carry over (they never stop the import).
/// </summary>
public sealed record KillercodaReadResult(KillercodaScenario? Scenario, IReadOnlyList<LabProblem> Problems, IReadOnlyList<LabProblem> Notes);
