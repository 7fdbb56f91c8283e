using ContainerLab.Labs.Format;
using ContainerLab.Labs.Killercoda;
using ContainerLab.TestSupport;

namespace ContainerLab.Labs.Tests.Killercoda;

/// <summary>The test scenario (files and processes) imported: a lab that loads, texts converted, scripts copied as they are.</summary>
public sealed class FilesAndProcessesImportTests : IDisposable
{
    private readonly TempDirectory _labs = new("clab-kc-labs-");
    private readonly KillercodaImportResult _result;

    public FilesAndProcessesImportTests()
    {
        _result = KillercodaImporter.Import(KillercodaFolder.FilesAndProcesses, Lab, new KillercodaImportOptions());
    }

    public void Dispose() => _labs.Dispose();

    private string Lab => _labs.Combine("files-and-processes");

    private string Text(string path) => File.ReadAllText(Path.Combine(Lab, path));

    [Fact]
    public void The_lab_loads_with_no_problem_one_step_per_page()
    {
        Assert.Empty(_result.Problems);
        var validation = Assert.IsType<LabLoadResult>(_result.Validation);
        Assert.Empty(validation.Problems);
        var lab = Assert.IsType<Lab>(validation.Lab);
        Assert.Equal(("files-and-processes", "Files and processes"), (lab.Id, lab.Title));
        Assert.StartsWith("A process holds its open files", lab.Summary);
        Assert.True(lab.Sequential);
        Assert.Equal(new LabNode("node1", "debian", "default", null, null, null), Assert.Single(lab.Nodes));
        Assert.Equal(["intro", "step1", "step2", "step3", "finish"], lab.Steps.Select(s => s.Id));
        Assert.Equal(["Introduction", "Start a process that keeps a file open", "Find its file descriptor", "Delete the file, keep the data", "Finish"],
            lab.Steps.Select(s => s.Title));
        Assert.True(lab.Steps[0].IsReading);
        Assert.True(lab.Steps[4].IsReading);
        Assert.Equal("containerlab/intro-setup.sh", lab.Steps[0].SetupFile);
        foreach (var (step, n) in lab.Steps.Skip(1).Take(3).Select((s, i) => (s, i + 1)))
        {
            var check = Assert.IsType<ScriptCheck>(Assert.Single(step.Checks));
            Assert.Equal(($"step{n}/verify.sh", "node1"), (check.File, check.Node));
        }
        Assert.Equal(["step1/solution.sh", "containerlab/step2-solution.sh", "step3/solution.sh"], lab.Steps.Skip(1).Take(3).Select(s => s.SolutionFile));
    }

    [Fact]
    public void Exec_and_copy_blocks_become_run_and_copy_blocks_and_no_killercoda_marker_is_left()
    {
        Assert.Contains("```sh run\n/root/logger.sh > /dev/null 2>&1 &\n```\n", Text("step1/text.md"));
        // The inline `cmd`{{exec}} stays inline code, with a run block after its line.
        Assert.Contains("See the log grow: `tail -n 3 /root/app.log`\n```sh run\ntail -n 3 /root/app.log\n```\n", Text("step1/text.md"));
        Assert.Contains("```sh copy\ncat /proc/$(cat /root/logger.pid)/fd/3 > /root/recovered.log\n```\n", Text("step3/text.md"));
        Assert.Contains("<details>\n<summary>Solution</summary>", Text("step2/text.md"));
        foreach (string md in Directory.EnumerateFiles(Lab, "*.md", SearchOption.AllDirectories))
            Assert.DoesNotContain("{{", File.ReadAllText(md));
    }

    [Fact]
    public void Scripts_and_assets_are_copied_as_they_are_and_the_assets_are_placed_by_the_first_setup()
    {
        foreach (string path in new[] { "step1/verify.sh", "step1/solution.sh", "step2/verify.sh", "step3/verify.sh", "step3/solution.sh", "assets/logger.sh", "background.sh" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(KillercodaFolder.FilesAndProcesses, path)), File.ReadAllBytes(Path.Combine(Lab, path)));
        string setup = Text("containerlab/intro-setup.sh");
        Assert.Contains("cat > '/root/logger.sh' <<'CLAB_ASSET_END'\n" + File.ReadAllText(Path.Combine(KillercodaFolder.FilesAndProcesses, "assets/logger.sh")), setup);
        Assert.Contains("chmod '+x' '/root/logger.sh'\n", setup);
        Assert.EndsWith(File.ReadAllText(Path.Combine(KillercodaFolder.FilesAndProcesses, "background.sh")), setup);
        Assert.True(setup.IndexOf("chmod", StringComparison.Ordinal) < setup.IndexOf("# app.log", StringComparison.Ordinal), "assets go in before the background script runs");
    }

    [Fact]
    public void The_solution_of_a_step_without_solution_sh_is_the_exec_blocks_of_its_solution_details()
    {
        string solution = Text("containerlab/step2-solution.sh");
        Assert.Contains("for fd in /proc/$(cat /root/logger.pid)/fd/*; do\n  [ \"$(readlink \"$fd\")\" = /root/app.log ] && basename \"$fd\" > /root/fd.txt\ndone\n", solution);
        Assert.DoesNotContain("ls -l /proc", solution); // the exec block outside the Solution <details> is the student's, not the solution
    }

    [Fact]
    public void Foreground_becomes_a_note_in_the_text_and_the_notes_say_what_did_not_carry_over()
    {
        Assert.Contains("this step ran `foreground.sh` in the terminal", Text("intro.md"));
        Assert.Contains("```sh run\ncd /root && ls -l\n```", Text("intro.md"));
        Assert.Contains(_result.Notes, n => n.Message.Contains("backend 'ubuntu' runs as the 'debian' image"));
        Assert.Contains(_result.Notes, n => n.File == "intro.md" && n.Message.Contains("foreground.sh"));
        Assert.StartsWith("# Imported from a Killercoda scenario", Text("lab.yaml"));
        Assert.Contains("#   index.json: backend 'ubuntu'", Text("lab.yaml"));
    }
}
