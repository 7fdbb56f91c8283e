using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.Labs.Killercoda;
using ContainerLab.Labs.Testing;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Labs;

/// <summary>
/// The Killercoda test scenario (tests/ContainerLab.Labs.Tests/Killercoda/Scenarios/files-and-processes) imported and
/// proven solvable on a real daemon: every step's checks fail before its solution and pass after it.
/// </summary>
public sealed class KillercodaImportTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
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

    private Task<CommandResult> ClabctlAsync(params string[] args) => Clabctl.RunAsync(fixture.Daemon, TimeSpan.FromMinutes(2), args);
}
