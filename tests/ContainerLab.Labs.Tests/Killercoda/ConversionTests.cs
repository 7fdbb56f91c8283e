using System.Diagnostics;
using ContainerLab.Labs.Format;
using ContainerLab.Labs.Killercoda;

namespace ContainerLab.Labs.Tests.Killercoda;

/// <summary>Conversion rules beyond the test scenario: missing solutions, assets, backends.</summary>
public sealed class ConversionTests : IDisposable
{
    private readonly KillercodaFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_checked_step_without_a_solution_is_solved_by_its_exec_actions_and_lab_yaml_says_so()
    {
        _folder.Write(KillercodaFolder.MinimalIndex, [.. KillercodaFolder.MinimalFiles.Where(f => f.Item1 != "step1/solution.sh")]);

        var result = _folder.Import();

        Assert.Empty(result.Problems);
        Assert.True(result.Validation?.IsValid, string.Join("\n", result.Validation?.Problems ?? []));
        // No script repeats them: the tester types the Run blocks before the checks, and they are the solution.
        var step = result.Validation!.Lab!.Step("step1")!;
        Assert.Null(step.SolutionFile);
        Assert.Single(step.Checks);
        Assert.False(File.Exists(Path.Combine(_folder.Lab, "containerlab", "step1-solution.sh")));
        Assert.Contains("```sh run\ntouch /root/x\n```", File.ReadAllText(Path.Combine(_folder.Lab, step.TextFile)));
        Assert.Contains("# solution: NOT WRITTEN BY THE AUTHOR: no solution was given, so the {{exec}} actions of step1/text.md (its Run blocks)",
            File.ReadAllText(Path.Combine(_folder.Lab, "lab.yaml")));
        Assert.Contains(result.Notes, n => n.Message.Contains("its 1 {{exec}} action(s), in order, are used as one"));
    }

    [Fact]
    public void A_checked_step_with_nothing_to_solve_it_is_a_reading_step_and_its_check_is_named_no_solution_is_made_up()
    {
        _folder.Write(KillercodaFolder.MinimalIndex, [.. KillercodaFolder.MinimalFiles.Where(f => f.Item1 != "step1/solution.sh")
            .Select(f => f.Item1 == "step1/text.md" ? (f.Item1, "Make /root/x yourself.\n") : f)]);

        var result = _folder.Import();

        Assert.True(result.Validation?.IsValid, string.Join("\n", result.Validation?.Problems ?? []));
        Assert.True(result.Validation!.Lab!.Step("step1")!.IsReading);
        Assert.Contains("# not checked: step1/verify.sh", File.ReadAllText(Path.Combine(_folder.Lab, "lab.yaml")));
        Assert.True(File.Exists(Path.Combine(_folder.Lab, "step1", "verify.sh")));
        Assert.Contains(result.Notes, n => n.Message.Contains("no solution and no {{exec}} action"));
        Assert.False(Directory.Exists(Path.Combine(_folder.Lab, "containerlab")));
    }

    [Fact]
    public void Solution_beside_verify_follows_the_verify_scripts_name()
    {
        Assert.Equal("step1/solution.sh", KillercodaReader.SolutionBeside("step1/verify.sh"));
        Assert.Equal("checks/solution-2.sh", KillercodaReader.SolutionBeside("checks/verify-2.sh"));
        Assert.Equal("solution.sh", KillercodaReader.SolutionBeside("verify.sh"));
        Assert.Null(KillercodaReader.SolutionBeside("step1/check.sh"));
    }

    [Fact]
    public void Wildcard_assets_other_hosts_and_a_kubernetes_backend_are_converted_or_noted()
    {
        const string index = """
            {
              "title": "Cluster",
              "details": {
                "steps": [ { "title": "Only", "text": "step.md", "background": "bg.sh" } ],
                "assets": {
                  "host01": [ { "file": "conf/*.yaml", "target": "~/conf" } ],
                  "host02": [ { "file": "conf/a.yaml", "target": "/root" } ]
                }
              },
              "backend": { "imageid": "kubernetes-kubeadm-2nodes" },
              "interface": { "layout": "ide" }
            }
            """;
        _folder.Write(index, ("step.md", "kubectl get nodes\n"), ("bg.sh", "#!/bin/bash\necho ready\n"),
            ("assets/conf/a.yaml", "a: 1\n"), ("assets/conf/b.yaml", "b: 2\n"), ("assets/conf/c.txt", "no\n"));

        var result = _folder.Import(image: null);

        var lab = Assert.IsType<Lab>(result.Validation!.Lab);
        Assert.Equal("debian", lab.Nodes[0].Image);
        var step = Assert.Single(lab.Steps);
        Assert.Equal("containerlab/step1-setup.sh", step.SetupFile);
        string setup = File.ReadAllText(Path.Combine(_folder.Lab, step.SetupFile!));
        Assert.Contains("cat > '/root/conf/a.yaml'", setup);
        Assert.Contains("cat > '/root/conf/b.yaml'", setup);
        Assert.DoesNotContain("c.txt", setup);
        Assert.EndsWith("# Then the scenario's background script, bg.sh:\n#!/bin/bash\necho ready\n", setup);
        Assert.True(File.Exists(Path.Combine(_folder.Lab, "assets/conf/b.yaml")));
        Assert.Contains(result.Notes, n => n.Line == 7 && n.Message.Contains("assets for host02 are not imported"));
        Assert.Contains(result.Notes, n => n.Message.Contains("Kubernetes cluster") && n.Message.Contains("kubectl steps will not work"));
        Assert.Contains(result.Notes, n => n.Line == 11 && n.Message.Contains("the interface"));
        Assert.Contains(result.Notes, n => n.File == "bg.sh" && n.Message.Contains("asks for bash"));
    }

    [Fact]
    public void An_unknown_backend_runs_busybox_and_the_yaml_quotes_what_could_be_syntax()
    {
        _folder.Write(KillercodaFolder.MinimalIndex.Replace("ubuntu", "gentoo", StringComparison.Ordinal)
            .Replace("\"Minimal\"", "\"Quotes \\\" and: #hash\\nnew line \\u00e9 \\ud83d\\ude00\"", StringComparison.Ordinal), KillercodaFolder.MinimalFiles);

        var result = _folder.Import(image: null);

        var lab = Assert.IsType<Lab>(result.Validation!.Lab);
        Assert.Equal("busybox", lab.Nodes[0].Image);
        Assert.Equal("Quotes \" and: #hash\nnew line \u00e9 \U0001F600", lab.Title);
        Assert.Contains(result.Notes, n => n.Message.Contains("backend 'gentoo' is not known here"));
    }

    [Fact]
    public void Text_from_the_scenario_cannot_start_a_line_of_its_own_in_lab_yaml_or_a_script()
    {
        // YAML 1.1 breaks lines at U+2028 too: a field's name in a note must not become "nodes:" in lab.yaml.
        const string index = """
            {
              "title": "T",
              "x\u2028nodes: {node1: {image: busybox, profile: internals}}": 1,
              "details": {
                "steps": [ { "title": "One\nrm -rf /root\u2028", "text": "step1/text.md", "verify": "step1/verify.sh" } ]
              }
            }
            """;
        _folder.Write(index, ("step1/text.md", "<details><summary>Solution</summary>\n\n`touch /root/x`{{exec}}\n</details>\n"),
            ("step1/verify.sh", "test -e /root/x\n"));

        var result = _folder.Import();

        var lab = Assert.IsType<Lab>(result.Validation!.Lab);
        Assert.Equal("default", lab.Nodes[0].Profile);
        Assert.Equal("One\nrm -rf /root\u2028", lab.Steps[0].Title);
        string[] solution = File.ReadAllLines(Path.Combine(_folder.Lab, lab.Steps[0].SolutionFile!));
        Assert.All(solution.Where(l => l.Contains("rm -rf", StringComparison.Ordinal)), l => Assert.StartsWith("#", l));
        Assert.Equal("touch /root/x", solution[^1]);
    }

    [Fact]
    public void The_asset_script_puts_text_binary_and_odd_files_where_asked_byte_for_byte()
    {
        // Run the generated setup with the host's sh against a target in a temp dir: the same script a node runs.
        string target = Path.Combine(_folder.Labs, "it's here");
        var files = new Dictionary<string, byte[]>
        {
            ["assets/run.sh"] = "#!/bin/sh\necho $HOME `id` '\\n'\n"u8.ToArray(),
            ["assets/tricky.txt"] = "CLAB_ASSET_END\nlast line has no newline"u8.ToArray(),
            ["assets/delimiter.txt"] = "CLAB_ASSET_END\n"u8.ToArray(),
            ["assets/blob.bin"] = [0, 1, 2, 255, 13, 10, 0, .. new byte[300]],
            ["assets/empty"] = [],
        };
        var assets = files.Keys.Select(k => new KillercodaAsset(k, target, k.EndsWith(".sh", StringComparison.Ordinal) ? "+x" : null, 1)).ToList();

        string script = AssetScript.Build(assets, files);
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardError = true })!;
        string errors = shell.StandardError.ReadToEnd();
        shell.WaitForExit();

        Assert.True(shell.ExitCode == 0, errors);
        foreach (var (path, content) in files)
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(target, Path.GetFileName(path))));
        Assert.True(File.GetUnixFileMode(Path.Combine(target, "run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Contains("CLAB_ASSET_END_2", script);
    }
}
