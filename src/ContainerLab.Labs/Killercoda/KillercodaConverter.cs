using System.Text;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Killercoda;

/// <summary>How to import: <paramref name="Image"/> replaces the image chosen from backend.imageid.</summary>
public sealed record KillercodaImportOptions(string? Image = null);

/// <summary>One step of the lab made from a page; paths relative to the lab folder.</summary>
/// <param name="SolutionFrom">Where the solution came from, in words; null when there is none.</param>
public sealed record ConvertedStep(string Id, string Title, string Text, string? Setup, string? Check, string? Solution, string? SolutionFrom)
{
    /// <summary>A verify script left out of the checks because nothing solves it (named in lab.yaml as a comment).</summary>
    public string? UncheckedVerify { get; init; }
}

/// <summary>A lab folder in memory: its files (lab.yaml among them) by relative path, its steps, and the notes of the import.</summary>
public sealed record ConvertedLab(string Title, string Image, IReadOnlyList<ConvertedStep> Steps, IReadOnlyDictionary<string, byte[]> Files,
    IReadOnlyList<LabProblem> Notes);

/// <summary>
/// Turns a <see cref="KillercodaScenario"/> into a lab (schema 1), in memory: intro, steps and finish become steps in
/// order; texts are converted (<see cref="KillercodaMarkdown"/>); verify.sh becomes a script check, background.sh the
/// step's setup, foreground.sh a note in the text; assets are copied and placed by the first step's setup. A step's
/// solution is the author's (solution.sh beside verify.sh, or the {{exec}} blocks of a Solution &lt;details&gt;), else
/// the step's own {{exec}} actions in order, said so in lab.yaml; a step with a check and none of these is imported as
/// a reading step, its verify script named in a comment. A scenario without pages (a playground) gets one free step.
/// </summary>
public static class KillercodaConverter
{
    /// <summary>Where the files the import writes itself go (assets setup, solutions collected from the text).</summary>
    public const string GeneratedFolder = "containerlab";
    /// <summary>A generated setup or solution is a lab script like any other: the lab's limit.</summary>
    public const int MaxGeneratedScriptBytes = LabLoader.MaxScriptBytes;
    private const int MaxInlineForegroundLines = 40;
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <param name="earlierNotes">Notes of reading the scenario, kept first among the lab's notes.</param>
    public static (ConvertedLab? Lab, IReadOnlyList<LabProblem> Problems) Convert(KillercodaScenario scenario, KillercodaImportOptions options,
        IEnumerable<LabProblem>? earlierNotes = null)
    {
        var problems = new List<LabProblem>();
        var notes = new List<LabProblem>(earlierNotes ?? []);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string path in scenario.Files.Keys.Where(p => p == Lab.ManifestName || p.StartsWith(GeneratedFolder + "/", StringComparison.Ordinal)))
            problems.Add(new LabProblem(path, 0, $"the import writes {Lab.ManifestName} and {GeneratedFolder}/ itself; rename this file in the scenario"));
        string image = Image(scenario.ImageId, options.Image, notes);

        void Add(string path, byte[] content)
        {
            if (files.TryGetValue(path, out byte[]? existing) && !existing.AsSpan().SequenceEqual(content))
                problems.Add(new LabProblem(path, 0, "is used twice with different content (e.g. as a text and as a script)"));
            files[path] = content;
        }

        void Copy(string path, bool runs = true)
        {
            Add(path, scenario.Files[path]);
            if (runs && Utf8.GetString(scenario.Files[path]).Split('\n', 2)[0] is { } first && first.StartsWith("#!", StringComparison.Ordinal) && first.Contains("bash", StringComparison.Ordinal))
                notes.Add(new LabProblem(path, 1, $"asks for bash ({first}); lab scripts run with /bin/sh of the '{image}' image"));
        }

        string Generated(string name, string script, string what)
        {
            string path = $"{GeneratedFolder}/{name}";
            if (Utf8.GetByteCount(script) > MaxGeneratedScriptBytes)
                problems.Add(new LabProblem(path, 0, $"{what} would be {Utf8.GetByteCount(script)} bytes; a lab's script is at most {MaxGeneratedScriptBytes}"));
            Add(path, Utf8.GetBytes(script));
            return path;
        }

        var steps = new List<ConvertedStep>();
        foreach (var page in scenario.Pages)
        {
            var converted = KillercodaMarkdown.Convert(Utf8.GetString(scenario.Files[page.Text]).TrimStart('\uFEFF'), page.Text, notes);
            string text = converted.Text;
            if (page.Foreground is { } foreground)
            {
                Copy(foreground, runs: false); // shown to the student, not run by the lab
                text = WithForeground(text, foreground, Utf8.GetString(scenario.Files[foreground]));
                notes.Add(new LabProblem(page.Text, 0, $"{foreground} (run in the terminal on Killercoda) is shown in the text to run by hand"));
            }
            Add(page.Text, Utf8.GetBytes(text));

            string? setup = page.Background;
            bool placesAssets = steps.Count == 0 && scenario.Assets.Count > 0;
            if (setup is not null)
                Copy(setup);
            if (placesAssets)
            {
                foreach (var asset in scenario.Assets)
                    Add(asset.Source, scenario.Files[asset.Source]);
                string script = AssetScript.Build(scenario.Assets, scenario.Files);
                if (page.Background is { } background)
                    script += $"\n# Then the scenario's background script, {background}:\n" + Utf8.GetString(scenario.Files[background]);
                setup = Generated($"{page.Id}-setup.sh", script, "the setup placing the assets");
            }

            string? solution = null, from = null, check = page.Verify, @unchecked = null;
            if (page.Verify is { } verify)
            {
                Copy(verify);
                if (page.Solution is { } beside)
                {
                    Copy(beside);
                    (solution, from) = (beside, $"{Path.GetFileName(beside)} beside {Path.GetFileName(verify)}");
                    if (converted.SolutionBlocks.Count > 0)
                        notes.Add(new LabProblem(page.Text, 0, $"the Solution <details> is not used: {beside} is the solution"));
                }
                else if (converted.SolutionBlocks.Count > 0)
                {
                    string script = $"# The solution of '{LabManifest.OneLine(page.Title)}': the {{{{exec}}}} blocks of the Solution <details> in {page.Text},\n"
                        + "# collected by clabctl labs import-killercoda.\n" + string.Join('\n', converted.SolutionBlocks) + "\n";
                    (solution, from) = (Generated($"{page.Id}-solution.sh", script, "the solution"), $"the Solution <details> of {page.Text}");
                }
                else if (converted.RunBlocks.Count > 0)
                {
                    // Killercoda scenarios rarely ship a solution: the step's own {{exec}} actions, which a student clicks
                    // in order, are what solves it there. They are the step's Run blocks, and a step without a solution is
                    // solved by its Run blocks (the tester types them into the node's terminal before the checks).
                    from = $"NOT WRITTEN BY THE AUTHOR: no solution was given, so the {{{{exec}}}} actions of {page.Text} (its Run blocks), in order, are the solution";
                    notes.Add(new LabProblem(page.Text, 0, $"step '{page.Id}' has {verify} but no solution: its {converted.RunBlocks.Count} {{{{exec}}}} action(s), "
                        + "in order, are used as one (its Run blocks); labs test proves whether they pass the check"));
                }
                else
                {
                    // Nothing to prove the check with: a check without a solution would make the lab invalid, so the step is
                    // imported as a reading step and its verify script stays in the folder, named in lab.yaml for the instructor.
                    (@unchecked, check) = (verify, null);
                    notes.Add(new LabProblem(page.Text, 0, $"step '{page.Id}' has {verify} but no solution and no {{{{exec}}}} action: it is imported without its "
                        + $"check (a reading step); add {KillercodaReader.SolutionBeside(verify) ?? "a solution.sh"} and a check to lab.yaml to check it"));
                }
            }
            steps.Add(new ConvertedStep(page.Id, page.Title, page.Text, setup, check, solution, from) { UncheckedVerify = @unchecked });
        }
        if (scenario.Pages.Count == 0)
            steps.Add(Playground(scenario, image, Generated));
        if (problems.Count > 0)
            return (null, problems);
        files[Lab.ManifestName] = Utf8.GetBytes(LabManifest.Write(scenario, image, steps, notes));
        return (new ConvertedLab(scenario.Title, image, steps, files, notes), problems);
    }

    /// <summary>
    /// The node's image for backend.imageid: Killercoda's Ubuntu hosts become the debian image (Debian 12, minbase),
    /// anything else busybox; each choice is a note, since neither has what Killercoda's hosts have.
    /// </summary>
    public static string Image(string? imageId, string? chosen, List<LabProblem> notes)
    {
        string mapped = imageId switch
        {
            null => "busybox",
            _ when imageId.StartsWith("ubuntu", StringComparison.OrdinalIgnoreCase) || imageId.StartsWith("debian", StringComparison.OrdinalIgnoreCase) => "debian",
            _ when imageId.StartsWith("kubernetes", StringComparison.OrdinalIgnoreCase) => "debian",
            _ => "busybox",
        };
        string id = imageId ?? "(none)";
        if (chosen is not null)
            notes.Add(new LabProblem(KillercodaReader.IndexName, 0, $"backend '{id}': the node runs the '{chosen}' image, as asked"));
        else if (imageId?.StartsWith("kubernetes", StringComparison.OrdinalIgnoreCase) == true)
            notes.Add(new LabProblem(KillercodaReader.IndexName, 0, $"backend '{id}' is a Kubernetes cluster, which a lab does not have: the node runs '{mapped}' and kubectl steps will not work"));
        else if (mapped == "debian")
            notes.Add(new LabProblem(KillercodaReader.IndexName, 0, $"backend '{id}' runs as the '{mapped}' image (Debian 12 minbase: no Docker, fewer tools than Killercoda's Ubuntu)"));
        else
            notes.Add(new LabProblem(KillercodaReader.IndexName, 0, $"backend '{id}' is not known here: the node runs '{mapped}'"));
        return chosen ?? mapped;
    }

    /// <summary>
    /// The one step of a playground (a scenario with no pages: Killercoda opens a terminal on its backend and nothing
    /// else): a reading step whose text the import writes, so the lab is a terminal on the node with nothing to check.
    /// </summary>
    private static ConvertedStep Playground(KillercodaScenario scenario, string image, Func<string, string, string, string> generated)
    {
        var text = new StringBuilder("# ").Append(LabManifest.OneLine(scenario.Title)).Append("\n\n");
        if (scenario.Description.Length > 0)
            text.Append(scenario.Description.Trim()).Append("\n\n");
        text.Append($"A playground: a terminal on a node running the `{image}` image, with nothing to check. ")
            .Append("Try whatever you like; the node is yours alone and is removed when you leave.\n");
        return new ConvertedStep("playground", "Playground", generated("playground.md", text.ToString(), "the playground's text"), null, null, null, null);
    }

    private static string WithForeground(string text, string file, string script)
    {
        var lines = script.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').ToList();
        if (lines.Count > 0 && lines[0].StartsWith("#!", StringComparison.Ordinal))
            lines.RemoveAt(0);
        var note = new StringBuilder(text.TrimEnd('\n')).Append("\n\n");
        note.Append($"On Killercoda, this step ran `{file}` in the terminal when it opened. Here the step's setup has already finished; ");
        if (lines.Count > MaxInlineForegroundLines || lines.Any(l => l.StartsWith("```", StringComparison.Ordinal)))
            return note.Append($"if you need what it does, read `{file}` in the lab's folder.\n").ToString();
        return note.Append("if you need what it does, run it yourself:\n\n```sh run\n").Append(string.Join('\n', lines)).Append("\n```\n").ToString();
    }
}
