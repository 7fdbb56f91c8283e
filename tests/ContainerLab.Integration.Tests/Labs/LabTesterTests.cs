using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.Labs.Format;
using ContainerLab.Labs.Testing;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Labs;

/// <summary>
/// `clabctl labs test` on the repository's labs, in real sandboxes (CI runs it on every lab in labs/), and the tester
/// catching a check that checks nothing and a solution that solves nothing.
/// </summary>
public sealed class LabTesterTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private const string Requirement = "root, an OCI runtime and user namespaces (and the debian, vm and emulation tars for the labs that use them)";
    private readonly TempDirectory _labs = new("clab-labtest-");

    public void Dispose() => _labs.Dispose();

    [RootFact(Requirement)]
    public async Task Every_lab_in_the_repository_passes_labs_test()
    {
        string labs = Path.Combine(RepositoryPaths.Root, "labs");
        if (LabCatalogue.Load(labs).Any(l => l.Lab?.Nodes.Any(n => n.Image == "debian") == true))
            await DebianImage.ImportAsync(fixture.Daemon);
        if (LabCatalogue.Load(labs).Any(l => l.Lab?.Nodes.Any(n => n.Kind == LabNode.Vm) == true))
            await VmImage.ImportAsync(fixture.Daemon); // lab 7's vm1: its steps run in a VM's guest
        if (LabCatalogue.Load(labs).Any(l => l.Lab?.Nodes.Any(n => n.Image == "emulation") == true))
            await EmulationImage.ImportAsync(fixture.Daemon); // lab 9: qemu-user and a program for two CPUs

        var (exitCode, output) = await ClabctlAsync("labs", "test", labs);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"\d+ step\(s\) ok, 0 failed, in \d+ lab\(s\)", output);
        Assert.Matches(@"[1-9]\d* run block\(s\) typed", output); // the text's Run buttons ran, not only the solutions
    }

    [RootFact(Requirement)]
    public async Task A_check_that_passes_before_its_solution_and_a_solution_that_solves_nothing_fail_the_run()
    {
        Directory.CreateDirectory(Path.Combine(_labs.Path, "broken-checks"));
        File.WriteAllText(Path.Combine(_labs.Path, "broken-checks", "lab.yaml"), """
            schema: 1
            title: Broken checks
            steps:
              - id: always
                title: A check that always passes
                text: step.md
                solution: solve.sh
                checks:
                  - run: "true"
              - id: unsolved
                title: A solution that does not do the job
                text: step.md
                solution: solve.sh
                checks:
                  - file: /root/wanted
                    change: added
              - id: good
                title: A good step
                text: step.md
                solution: good.sh
                checks:
                  - run: test -f /root/done
            """);
        File.WriteAllText(Path.Combine(_labs.Path, "broken-checks", "step.md"), "# step\n");
        File.WriteAllText(Path.Combine(_labs.Path, "broken-checks", "solve.sh"), "echo nothing\n");
        File.WriteAllText(Path.Combine(_labs.Path, "broken-checks", "good.sh"), "touch /root/done\n");
        var lab = LabLoader.Load(Path.Combine(_labs.Path, "broken-checks"));
        Assert.Empty(lab.Problems);

        using var client = fixture.Daemon.Client();
        var results = await new LabTester(client) { SettleTime = TimeSpan.Zero }.TestAsync(lab.Lab!);

        Assert.Equal([false, false, true], results.Select(r => r.Ok));
        Assert.Equal(false, results[0].FailedBefore);
        Assert.Contains("check nothing", results[0].Detail);
        Assert.Equal((true, false), (results[1].FailedBefore!.Value, results[1].PassedAfter!.Value));
        Assert.Contains("/root/wanted is not in the writable layer", results[1].Detail);
        Assert.DoesNotContain(await client.ListSandboxesAsync(), s => s.Session?.StartsWith("labtest-", StringComparison.Ordinal) == true);

        var (exitCode, output) = await ClabctlAsync("labs", "test", _labs.Path);
        Assert.Equal(1, exitCode);
        Assert.Contains("PASSES", output);
        Assert.Contains("1 step(s) ok, 2 failed", output);
    }

    [RootFact(Requirement)]
    public async Task Run_blocks_are_typed_into_the_node_s_terminal_in_order_and_one_that_fails_fails_the_lab_unless_marked_expect_fail()
    {
        Directory.CreateDirectory(Path.Combine(_labs.Path, "run-blocks"));
        File.WriteAllText(Path.Combine(_labs.Path, "run-blocks", "lab.yaml"), """
            schema: 1
            title: Run blocks
            steps:
              - id: one-shell
                title: The blocks share one shell, as in a terminal
                text: one-shell.md
              - id: broken
                title: A Run button that fails
                text: broken.md
              - id: expected
                title: A block that fails on purpose
                text: expected.md
              - id: not-failing
                title: A block marked expect-fail that succeeds
                text: not-failing.md
            """);
        File.WriteAllText(Path.Combine(_labs.Path, "run-blocks", "one-shell.md"),
            "# one shell\n\n```sh run\ncd /tmp; lesson=42\n```\n\nThen:\n\n```sh run\n[ \"$lesson\" = 42 ] && [ \"$PWD\" = /tmp ]\n```\n");
        File.WriteAllText(Path.Combine(_labs.Path, "run-blocks", "broken.md"),
            "# broken\n\n```sh run\necho fine\n```\n\n```sh run\necho about to fail; no-such-command --now\n```\n");
        File.WriteAllText(Path.Combine(_labs.Path, "run-blocks", "expected.md"),
            "# expected\n\n```sh run expect-fail\ncat /no/such/file\n```\n");
        File.WriteAllText(Path.Combine(_labs.Path, "run-blocks", "not-failing.md"),
            "# not failing\n\n```sh run expect-fail\ntrue\n```\n");
        var lab = LabLoader.Load(Path.Combine(_labs.Path, "run-blocks"));
        Assert.Empty(lab.Problems);

        using var client = fixture.Daemon.Client();
        var results = await new LabTester(client) { SettleTime = TimeSpan.Zero }.TestAsync(lab.Lab!);

        Assert.Equal([true, false, true, false], results.Select(r => r.Ok));
        Assert.Contains("block 2", results[1].Detail);
        Assert.Contains("broken.md:7", results[1].Detail);
        Assert.Contains("node1", results[1].Detail);
        Assert.Contains("exited with 127", results[1].Detail);
        Assert.Contains("no-such-command", results[1].Detail);
        Assert.Contains("expect-fail", results[3].Detail);
        Assert.Contains("exited with 0", results[3].Detail);

        var (exitCode, output) = await ClabctlAsync("labs", "test", _labs.Path);
        Assert.Equal(1, exitCode);
        Assert.Contains("2 step(s) ok, 2 failed", output);
    }

    [RootFact(Requirement)]
    public async Task Validate_reports_each_problem_of_broken_labs_with_file_and_line_and_passes_good_ones()
    {
        Directory.CreateDirectory(Path.Combine(_labs.Path, "typo"));
        File.WriteAllText(Path.Combine(_labs.Path, "typo", "lab.yaml"), "schema: 1\ntitle: t\nstepz: []\n");
        Directory.CreateDirectory(Path.Combine(_labs.Path, "bad-yaml"));
        File.WriteAllText(Path.Combine(_labs.Path, "bad-yaml", "lab.yaml"), "schema: 1\ntitle: [oops\n");
        CopyDirectory(Path.Combine(RepositoryPaths.Root, "labs", "01-container-is-a-process"), Path.Combine(_labs.Path, "good"));

        var (exitCode, output) = await ClabctlAsync("labs", "validate", _labs.Path);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"typo/lab\.yaml:3: unknown field 'stepz'", output);
        Assert.Matches(@"typo/lab\.yaml:1: 'steps' is required", output);
        Assert.Matches(@"bad-yaml/lab\.yaml:\d+: not valid YAML", output);
        Assert.DoesNotContain("good/", output);
        Assert.Contains("1 lab(s) valid, 2 with problems", output);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>clabctl's exit code and everything it printed (the table on stdout, per-lab lines on stderr).</summary>
    private async Task<(int ExitCode, string Output)> ClabctlAsync(params string[] args)
    {
        var result = await Clabctl.RunAsync(fixture.Daemon, TimeSpan.FromMinutes(10), args);
        return (result.ExitCode!.Value, result.Stdout + result.Stderr);
    }
}
