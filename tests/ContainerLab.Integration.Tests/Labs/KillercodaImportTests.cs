using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.Labs.Killercoda;
using ContainerLab.Labs.Testing;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Labs;

/// <summary>
/// The Killercoda test scenario (tests/ContainerLab.Labs.Tests/Killercoda/Scenarios/files-and-processes) imported and
/// proven solvable on a real daemon: every step's checks fail before its solution and pass after it.
/// </summary>
public sealed class KillercodaImportTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly TempDirectory _labs = new();

    public void Dispose() => _labs.Dispose();

    private static string Scenario => Path.Combine(RepositoryPaths.Root, "tests", "ContainerLab.Labs.Tests", "Killercoda", "Scenarios", "files-and-processes");

    [RootFact("root and a running containerlabd")]
    public async Task The_imported_scenario_passes_the_lab_tester_step_by_step()
    {
        using var temp = new TempDirectory();
        var result = KillercodaImporter.Import(Scenario, temp.Combine("files-and-processes"), new KillercodaImportOptions(Image: "busybox"));
        Assert.Empty(result.Problems);
        var lab = result.Validation?.Lab;
        Assert.True(lab is not null, string.Join("\n", result.Validation?.Problems ?? []));

        using var client = fixture.Daemon.Client();
        var steps = await new LabTester(client).TestAsync(lab);

        Assert.Equal(["intro", "step1", "step2", "step3", "finish"], steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.True(s.Ok, $"{s.Step}: {s.Detail}"));
        Assert.Equal([null, true, true, true, null], steps.Select(s => s.FailedBefore));
        Assert.Empty(await client.ListSandboxesAsync());
    }

    [RootFact("root and a running containerlabd")]
    public async Task Clabctl_imports_the_scenario_and_labs_test_passes_it()
    {
        using var temp = new TempDirectory();
        string lab = temp.Combine("files-and-processes");

        var import = await ClabctlAsync("labs", "import-killercoda", Scenario, lab, "--image", "busybox");
        Assert.True(import.ExitCode == 0, import.Stdout + import.Stderr);
        Assert.Contains("wrote lab 'files-and-processes'", import.Stdout);
        Assert.Contains("valid: clabctl labs validate finds no problem", import.Stdout);

        var again = await ClabctlAsync("labs", "import-killercoda", Scenario, lab);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists; give --force", again.Stderr);

        var test = await ClabctlAsync("labs", "test", lab);
        Assert.True(test.ExitCode == 0, test.Stdout + test.Stderr);
        Assert.Contains("5 step(s) ok, 0 failed, in 1 lab(s)", test.Stdout);
    }

    /// <summary>
    /// A step with verify.sh and {{exec}} actions but no solution is solved by its actions in order, typed as a student
    /// clicks them (step1: a block and an inline action; step2: two blocks after the intro's background script, which
    /// would fail if they ran twice); a step with neither is a reading step.
    /// Before: the lab had checks without solutions and labs validate refused it.
    /// </summary>
    [RootFact("root and a running containerlabd")]
    public async Task Exec_actions_are_the_solution_of_a_step_that_has_none()
    {
        var (lab, manifest) = Import("exec-actions");
        Assert.Null(lab.Step("step1")!.SolutionFile);
        Assert.Null(lab.Step("step2")!.SolutionFile);
        Assert.Contains("# solution: NOT WRITTEN BY THE AUTHOR: no solution was given, so the {{exec}} actions of step1/text.md (its Run blocks)", manifest);
        Assert.Empty(lab.Step("step3")!.Checks);
        Assert.Contains("# not checked: step3/verify.sh", manifest);

        var steps = await TestAsync(lab);
        Assert.Equal(["intro", "step1", "step2", "step3"], steps.Select(s => s.Step));
        Assert.Equal([null, true, true, null], steps.Select(s => s.FailedBefore));
    }

    /// <summary>A scenario of a title and a backend only (Killercoda's playgrounds). Before: "'details' is required".</summary>
    [RootFact("root and a running containerlabd")]
    public async Task A_bare_playground_is_a_lab_with_one_free_step()
    {
        var (lab, _) = Import("bare-playground");
        var step = Assert.Single(lab.Steps);
        Assert.True(step.IsReading);
        Assert.Contains("A bare playground", File.ReadAllText(lab.PathOf(step.TextFile)));

        var result = Assert.Single(await TestAsync(lab));
        Assert.Equal("reading", result.Detail);
    }

    /// <summary>
    /// `**/*.*`, `**/*.json`, `web/*/*.json`, `**` place what globstar matches (the check lists each target).
    /// Before: "matches no file" for every pattern reaching below the first folder.
    /// </summary>
    [RootFact("root and a running containerlabd")]
    public async Task Asset_globs_match_at_any_depth_as_on_killercoda()
    {
        var (lab, _) = Import("globstar-assets");
        var steps = await TestAsync(lab);
        Assert.Equal([true], steps.Select(s => s.FailedBefore));
    }

    /// <summary>
    /// A background, verify and solution script longer than one exec argument may be (4096 characters). Before: every
    /// run failed with "command arguments must be non-null strings without NUL, at most 4096 characters".
    /// </summary>
    [RootFact("root and a running containerlabd")]
    public async Task Scripts_longer_than_an_argument_reach_the_node_whole()
    {
        foreach (string script in new[] { "background.sh", "verify.sh", "solution.sh" })
            Assert.True(new FileInfo(Path.Combine(ScenarioPath("long-scripts"), "step1", script)).Length > 4096, script);
        var (lab, _) = Import("long-scripts");
        var steps = await TestAsync(lab);
        Assert.Equal([true], steps.Select(s => s.FailedBefore));
    }

    private static string ScenarioPath(string name) => Path.Combine(RepositoryPaths.Root, "tests", "ContainerLab.Labs.Tests", "Killercoda", "Scenarios", name);

    /// <summary>Imports a test scenario with the busybox image; it must import and validate.</summary>
    private (ContainerLab.Labs.Format.Lab Lab, string Manifest) Import(string name)
    {
        var result = KillercodaImporter.Import(ScenarioPath(name), _labs.Combine(name), new KillercodaImportOptions(Image: "busybox"));
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        var lab = result.Validation?.Lab;
        Assert.True(lab is not null, string.Join("\n", result.Validation?.Problems ?? []));
        return (lab, File.ReadAllText(lab.PathOf("lab.yaml")));
    }

    /// <summary>`labs test` on a real daemon: every step must be ok, and nothing may be left behind.</summary>
    private async Task<IReadOnlyList<LabStepTestResult>> TestAsync(ContainerLab.Labs.Format.Lab lab)
    {
        using var client = fixture.Daemon.Client();
        var steps = await new LabTester(client).TestAsync(lab);
        Assert.All(steps, s => Assert.True(s.Ok, $"{s.Step}: {s.Detail}"));
        Assert.Empty(await client.ListSandboxesAsync());
        return steps;
    }

    private Task<CommandResult> ClabctlAsync(params string[] args) => Clabctl.RunAsync(fixture.Daemon, TimeSpan.FromMinutes(2), args);
}
