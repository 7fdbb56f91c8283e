using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Tests.Format;

/// <summary>Reading lab.yaml: a good lab in full, and each kind of mistake reported with its file and line.</summary>
public sealed class LabLoaderTests : IDisposable
{
    private readonly LabFolder _labs = new();

    public void Dispose() => _labs.Dispose();

    private const string Good = """
        schema: 1
        title: Namespaces one by one
        summary: Make each namespace yourself.
        minutes: 25
        nodes:
          node1:
            image: busybox
            profile: internals
            memory: 128Mi
            pids: 64
            cpus: 0.5
        steps:
          - id: pid
            title: Your own pid namespace
            text: steps/pid.md
            solution: steps/pid-solution.sh
            background: true
            checks:
              - namespace: pid
              - run: test -e /proc/1
                message: /proc must be mounted
          - id: quiz
            title: Why
            text: steps/quiz.md
            needs: [pid]
            quiz:
              question: What does a pid namespace give?
              answers:
                - text: Its own numbering
                  correct: true
                  explanation: Yes, processes see pids from 1.
                - text: Its own kernel
                  explanation: No, the kernel is the host's.
        """;

    private static readonly (string, string)[] GoodFiles =
        [("steps/pid.md", "# pid\n"), ("steps/pid-solution.sh", "unshare -Urpf --mount-proc sleep 60 &\n"), ("steps/quiz.md", "# quiz\n")];

    [Fact]
    public void A_good_lab_loads_with_its_nodes_steps_checks_and_quiz()
    {
        var result = LabLoader.Load(_labs.Write("namespaces", Good, GoodFiles));

        Assert.Empty(result.Problems);
        var lab = Assert.IsType<Lab>(result.Lab);
        Assert.Equal("namespaces", lab.Id);
        Assert.Equal(25, lab.Minutes);
        Assert.True(lab.Sequential);
        var node = Assert.Single(lab.Nodes);
        Assert.Equal(new LabNode("node1", "busybox", "internals", 128L << 20, 64, 0.5), node);
        Assert.Equal(["pid", "quiz"], lab.Steps.Select(s => s.Id));
        var pid = lab.Steps[0];
        Assert.True(pid.Background);
        Assert.Equal("steps/pid-solution.sh", pid.SolutionFile);
        Assert.IsType<NamespaceCheck>(pid.Checks[0]);
        var run = Assert.IsType<ScriptCheck>(pid.Checks[1]);
        Assert.Equal(("node1", "test -e /proc/1", "/proc must be mounted"), (run.Node, run.Inline, run.Message));
        var quiz = lab.Steps[1].Quiz!;
        Assert.False(quiz.Multiple);
        Assert.True(quiz.IsRight([0]));
        Assert.False(quiz.IsRight([1]));
        Assert.False(quiz.IsRight([0, 1]));
        Assert.Equal(["pid"], lab.Steps[1].Needs);
    }

    [Fact]
    public void A_vm_node_loads_needs_the_vm_image_and_a_steps_checks_run_in_the_steps_node()
    {
        const string manifest = """
            schema: 1
            title: VMs
            summary: A VM beside a container.
            nodes:
              node1:
                image: busybox
              vm1:
                kind: vm
                memory: 192Mi
            steps:
              - id: boot
                title: Boot
                node: vm1
                text: steps/boot.md
                solution: steps/boot.sh
                checks:
                  - run: test -f /root/booted
                  - run: true
                    node: node1
            """;
        var result = LabLoader.Load(_labs.Write("vms", manifest, ("steps/boot.md", "# boot\n"), ("steps/boot.sh", "touch /root/booted\n")));

        Assert.Empty(result.Problems);
        var lab = Assert.IsType<Lab>(result.Lab);
        Assert.Equal(new LabNode("vm1", "busybox", "default", 192L << 20, null, null, LabNode.Vm), lab.Nodes[1]);
        Assert.Equal(["busybox", "vm"], lab.Nodes.Select(n => n.NeededImage));
        var checks = lab.Steps[0].Checks.Cast<ScriptCheck>().ToList();
        Assert.Equal(["vm1", "node1"], checks.Select(c => c.Node)); // the step's node unless a check names its own
    }

    [Fact]
    public void What_the_daemon_would_refuse_for_a_vm_node_is_a_problem_at_its_line()
    {
        const string manifest = """
            schema: 1
            title: VMs
            summary: Bad VM nodes.
            nodes:
              a:
                kind: vm
                image: debian
              b:
                kind: vm
                profile: internals
              c:
                kind: vm
                memory: 64Mi
              d:
                kind: vmm
            steps:
              - id: s
                title: S
                text: steps/s.md
            """;
        var result = LabLoader.Load(_labs.Write("bad-vms", manifest, ("steps/s.md", "# s\n")));

        Assert.Equal(
            [
                (7, "a VM node boots the busybox guest; 'debian' has no guest build yet"),
                (10, "a VM node has no privilege profile: its guest's root is root of its own kernel, and QEMU runs in the default sandbox"),
                (13, "a VM node needs at least 128Mi of memory for its guest's kernel; it asks for 64Mi"),
                (15, "kind 'vmm' is not one of container, vm"),
            ],
            result.Problems.Select(p => (p.Line, p.Message)));
    }

    [Fact]
    public void Bad_yaml_is_one_problem_at_its_line()
    {
        var result = LabLoader.Load(_labs.Write("bad-yaml", "schema: 1\ntitle: x\nsteps:\n  - id: a\n   title: misaligned\n"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("lab.yaml", problem.File);
        Assert.Equal(5, problem.Line);
        Assert.StartsWith("not valid YAML", problem.Message);
        Assert.Null(result.Lab);
    }

    [Fact]
    public void Every_mistake_is_reported_with_its_line_not_only_the_first()
    {
        const string manifest = """
            schema: 1
            titel: typo
            nodes:
              node1:
                image: busybox
                profile: root
            steps:
              - id: one
                title: One
                text: steps/missing.md
                checks:
                  - run: "true"
                    node: node9
                  - namespace: pids
              - id: two
                title: Two
                text: steps/two.md
                needs: [three]
                quiz:
                  question: Which?
                  answers:
                    - text: A
                      explanation: no
                    - text: B
                      explanation: no
            """;
        var result = LabLoader.Load(_labs.Write("broken", manifest, ("steps/two.md", "two")));
        var problems = result.Problems.Select(p => (p.Line, p.Message)).ToList();

        Assert.Contains(problems, p => p.Line == 2 && p.Message.Contains("unknown field 'titel'"));
        Assert.Contains(problems, p => p.Line == 1 && p.Message.Contains("'title' is required"));
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("profile 'root'"));
        Assert.Contains(problems, p => p.Line == 10 && p.Message.Contains("steps/missing.md' does not exist"));
        Assert.Contains(problems, p => p.Line == 13 && p.Message.Contains("node 'node9'"));
        Assert.Contains(problems, p => p.Line == 14 && p.Message.Contains("namespace 'pids'"));
        Assert.Contains(problems, p => p.Line == 8 && p.Message.Contains("neither a 'solution' nor a Run block"));
        Assert.Contains(problems, p => p.Line == 18 && p.Message.Contains("needs 'three'"));
        Assert.Contains(problems, p => p.Line == 22 && p.Message.Contains("at least one right answer"));
        Assert.All(result.Problems, p => Assert.Equal("lab.yaml", p.File));
        Assert.Null(result.Lab);
    }

    [Theory]
    [InlineData("../outside.md", "without '..'")]
    [InlineData("/etc/passwd", "without '..'")]
    [InlineData("steps", "is a folder")]
    [InlineData("link.md", "symlink")]
    public void A_file_outside_the_lab_a_folder_or_a_symlink_is_refused(string text, string problem)
    {
        string directory = _labs.Write("files", $"schema: 1\ntitle: t\nsteps:\n  - id: a\n    title: A\n    text: {text}\n", ("steps/a.md", "a"));
        File.CreateSymbolicLink(Path.Combine(directory, "link.md"), "/etc/passwd");
        File.WriteAllText(Path.Combine(_labs.Root, "outside.md"), "outside");

        var result = LabLoader.Load(directory);

        Assert.Contains(result.Problems, p => p.Line == 6 && p.Message.Contains(problem));
    }

    [Fact]
    public void A_single_choice_quiz_with_two_right_answers_and_an_unknown_schema_are_problems()
    {
        const string manifest = """
            schema: 2
            title: t
            steps:
              - id: q
                title: Q
                text: q.md
                quiz:
                  question: Which?
                  answers:
                    - { text: A, correct: true, explanation: yes }
                    - { text: B, correct: true, explanation: yes }
            """;
        var result = LabLoader.Load(_labs.Write("quiz", manifest, ("q.md", "q")));

        Assert.Contains(result.Problems, p => p.Line == 1 && p.Message.Contains("schema 2 is not known"));
        Assert.Contains(result.Problems, p => p.Line == 10 && p.Message.Contains("exactly one right answer"));
    }

    [Fact]
    public void The_catalogue_loads_good_labs_beside_broken_ones()
    {
        _labs.Write("a-good", Good, GoodFiles);
        _labs.Write("b-broken", "schema: 1\ntitle: [unclosed\n");
        Directory.CreateDirectory(Path.Combine(_labs.Root, "c-empty"));

        var catalogue = LabCatalogue.Load(_labs.Root);

        Assert.Equal(["a-good", "b-broken", "c-empty"], catalogue.Select(l => l.Id));
        Assert.True(catalogue[0].IsValid);
        Assert.False(catalogue[1].IsValid);
        Assert.Contains("missing", Assert.Single(catalogue[2].Problems).Message);
    }

    [Theory]
    [InlineData("64Mi", 64L << 20)]
    [InlineData("64M", 64L << 20)]
    [InlineData("1Gi", 1L << 30)]
    [InlineData("4096", 4096L)]
    [InlineData("12Ki", 12L << 10)]
    public void Sizes_read_like_kubernetes(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("64MB")]
    [InlineData("1.5Gi")]
    [InlineData("99999999999999999999Gi")]
    public void Bad_sizes_are_refused(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Fact]
    public void A_mistaken_mark_of_a_run_block_is_a_problem_of_the_step_s_file_and_line()
    {
        var result = LabLoader.Load(_labs.Write("marks", Good,
            ("steps/pid.md", "# pid\n\n```sh run expect-fial\nunshare -u true\n```\n"), GoodFiles[1], GoodFiles[2]));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("steps/pid.md", 3), (problem.File, problem.Line));
        Assert.Contains("expect-fial", problem.Message);
    }

    [Fact]
    public void A_script_too_big_to_reach_a_node_is_a_problem()
    {
        string manifest = "schema: 1\ntitle: t\nsteps:\n  - id: a\n    title: A\n    text: a.md\n    solution: big.sh\n    checks:\n      - run: \"true\"\n";
        var result = LabLoader.Load(_labs.Write("big", manifest, ("a.md", "a"), ("big.sh", new string('#', LabLoader.MaxScriptBytes + 1))));
        Assert.Contains(result.Problems, p => p.Line == 7 && p.Message.Contains($"{LabLoader.MaxScriptBytes}"));
    }

    [Fact]
    public void A_step_runs_its_setup_and_solution_in_the_node_it_names_and_an_unknown_one_is_a_problem()
    {
        const string manifest = """
            schema: 1
            title: t
            nodes:
              node1: { image: busybox }
              node2: { image: busybox }
            steps:
              - id: a
                title: A
                text: a.md
              - id: b
                title: B
                text: a.md
                node: node2
              - id: c
                title: C
                text: a.md
                node: node9
            """;
        var result = LabLoader.Load(_labs.Write("nodes", manifest, ("a.md", "a")));

        Assert.Equal(17, Assert.Single(result.Problems).Line);
        var fixedLab = LabLoader.Load(_labs.Write("nodes-ok", manifest.Replace("node: node9", "node: node1", StringComparison.Ordinal), ("a.md", "a")));
        Assert.Equal(["node1", "node2", "node1"], fixedLab.Lab!.Steps.Select(s => s.Node));
    }
}
