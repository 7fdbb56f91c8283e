using System.Text.RegularExpressions;
using ContainerLab.Labs.Markdown;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerLab.Labs.Format;

/// <summary>A lab folder read: the lab when it has no problem, and every problem found (all of them, not the first).</summary>
public sealed record LabLoadResult(string Id, string Directory, Lab? Lab, IReadOnlyList<LabProblem> Problems)
{
    public bool IsValid => Lab is not null && Problems.Count == 0;
}

/// <summary>
/// Reads and validates labs/&lt;id&gt;/lab.yaml and the files it names. Nothing a lab folder holds can make it throw:
/// bad YAML, unknown or mistyped fields, missing files, a step needing an unknown step, a check on an unknown node, a
/// quiz without a right answer all become <see cref="LabProblem"/>s with file and line.
/// </summary>
public static partial class LabLoader
{
    public const long MaxManifestBytes = 256 * 1024;
    private static readonly string[] Profiles = ["default", "internals"];
    private static readonly string[] NamespaceKinds = ["pid", "net", "mnt", "uts", "ipc", "user", "cgroup", "time"];
    private static readonly string[] ChangeKinds = ["added", "modified", "deleted", "opaque"];
    private static readonly string[] CheckKinds = ["script", "run", "namespace", "memoryLimit", "pidsLimit", "cpuLimit", "oomKills", "file", "process"];

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Name();

    public static LabLoadResult Load(string labDirectory)
    {
        string directory = Path.GetFullPath(labDirectory);
        string id = Path.GetFileName(directory.TrimEnd('/'));
        var problems = new List<LabProblem>();
        string manifest = Path.Combine(directory, Lab.ManifestName);
        if (!Name().IsMatch(id))
            problems.Add(new LabProblem(id, 0, $"the folder name '{id}' is the lab's id: lowercase letters, digits and '-' only"));
        var root = ReadManifest(manifest, problems);
        if (root is null)
            return new LabLoadResult(id, directory, null, problems);
        var lab = Parse(new YamlMap(root, Lab.ManifestName, problems), id, directory);
        return new LabLoadResult(id, directory, problems.Count == 0 ? lab : null, problems);
    }

    private static YamlMappingNode? ReadManifest(string manifest, List<LabProblem> problems)
    {
        var info = new FileInfo(manifest);
        if (!info.Exists)
        {
            problems.Add(new LabProblem(Lab.ManifestName, 0, "missing: every lab folder has a lab.yaml"));
            return null;
        }
        if (info.Length > MaxManifestBytes)
        {
            problems.Add(new LabProblem(Lab.ManifestName, 0, $"{info.Length} bytes; a manifest is at most {MaxManifestBytes}"));
            return null;
        }
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(manifest))
                stream.Load(reader);
            if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root)
                return root;
            problems.Add(new LabProblem(Lab.ManifestName, 1, "must be one YAML document whose top level is a mapping (schema:, title:, ...)"));
        }
        catch (YamlException e)
        {
            problems.Add(new LabProblem(Lab.ManifestName, (int)e.Start.Line, $"not valid YAML: {e.InnerException?.Message ?? e.Message}"));
        }
        return null;
    }

    private static Lab Parse(YamlMap root, string id, string directory)
    {
        root.OnlyKnown("schema", "title", "summary", "minutes", "sequential", "nodes", "steps");
        int? schema = root.Int("schema", 0, int.MaxValue);
        if (!root.Has("schema"))
            root.Problem($"'schema' is required (schema: {Lab.SchemaVersion})");
        else if (schema is int version && version != Lab.SchemaVersion)
            root.Problem(root.Get("schema")!, $"schema {version} is not known here; this server reads schema {Lab.SchemaVersion}");
        string title = root.String("title", required: true) ?? id;
        string summary = root.String("summary") ?? "";
        int minutes = root.Int("minutes", 1, 600) ?? 15;
        bool sequential = root.Bool("sequential", fallback: true);
        var nodes = ParseNodes(root);
        var steps = ParseSteps(root, directory, nodes);
        return new Lab(id, directory, title, summary, minutes, sequential, nodes, steps);
    }

    private static List<LabNode> ParseNodes(YamlMap root)
    {
        if (root.Map("nodes") is not { } map)
            return root.Has("nodes") ? [] : [new LabNode("node1", "busybox", "default", null, null, null)];
        var nodes = new List<LabNode>();
        foreach (var (name, value, line) in map.Entries())
        {
            if (!Name().IsMatch(name))
                root.Problems.Add(new LabProblem(root.File, line, $"node name '{name}' must be lowercase letters, digits and '-'"));
            if (map.AsMap(value, $"node '{name}'") is not { } node)
                continue;
            node.OnlyKnown("kind", "image", "profile", "memory", "pids", "cpus");
            string profile = node.String("profile") ?? "default";
            if (!Profiles.Contains(profile))
                node.Problem(node.Get("profile")!, $"profile '{profile}' is not one of {string.Join(", ", Profiles)}");
            string kind = node.String("kind") ?? LabNode.Container;
            var lab = new LabNode(name, node.String("image") ?? "busybox", profile, node.Bytes("memory"), node.Int("pids", 1, 100_000), node.Number("cpus", 0.01, 64), kind);
            if (kind == LabNode.Vm)
                CheckVmNode(node, lab);
            else if (kind != LabNode.Container)
                node.Problem(node.Get("kind")!, $"kind '{kind}' is not one of {LabNode.Container}, {LabNode.Vm}");
            nodes.Add(lab);
        }
        if (nodes.Count == 0)
            map.Problem("a lab has at least one node");
        return nodes;
    }

    /// <summary>What the daemon would refuse for a VM node (Vms/VmNode), said here with the line, before a class starts it.</summary>
    private static void CheckVmNode(YamlMap node, LabNode vm)
    {
        if (vm.Image != "busybox")
            node.Problem(node.Get("image")!, $"a VM node boots the busybox guest; '{vm.Image}' has no guest build yet");
        if (vm.Profile != "default")
            node.Problem(node.Get("profile")!, "a VM node has no privilege profile: its guest's root is root of its own kernel, and QEMU runs in the default sandbox");
        if (vm.MemoryBytes is { } memory && memory < MinimumVmMemory)
            node.Problem(node.Get("memory")!, $"a VM node needs at least {MinimumVmMemory >> 20}Mi of memory for its guest's kernel; it asks for {memory >> 20}Mi");
    }

    /// <summary>The daemon's floor for a guest's RAM (VmNode.MinimumRamBytes).</summary>
    private const long MinimumVmMemory = 128L << 20;

    private static List<LabStep> ParseSteps(YamlMap root, string directory, IReadOnlyList<LabNode> nodes)
    {
        var steps = new List<LabStep>();
        var items = root.Sequence("steps", required: true);
        if (root.Has("steps") && items.Count == 0)
            root.Problem(root.Get("steps")!, "a lab has at least one step");
        foreach (var item in items)
        {
            if (root.AsMap(item, "a step") is not { } step)
                continue;
            step.OnlyKnown("id", "title", "text", "node", "setup", "solution", "checks", "background", "needs", "quiz");
            string id = step.String("id", required: true) ?? $"step{steps.Count + 1}";
            if (!Name().IsMatch(id))
                step.Problem(step.Get("id") ?? item, $"step id '{id}' must be lowercase letters, digits and '-'");
            if (steps.Any(s => s.Id == id))
                step.Problem(step.Get("id")!, $"step id '{id}' is used twice");
            var needs = new List<string>();
            foreach (var need in step.Sequence("needs"))
            {
                string? name = (need as YamlScalarNode)?.Value;
                if (name is null || steps.All(s => s.Id != name))
                    step.Problem(need, $"needs '{name}', which is not a step before this one");
                else
                    needs.Add(name);
            }
            // The step's node: where its run blocks are typed, and where its checks run unless they name another.
            string node = step.String("node") ?? nodes.FirstOrDefault()?.Name ?? "node1";
            var checks = step.Sequence("checks").Select(c => ParseCheck(step, c, directory, nodes, node)).OfType<LabCheck>().ToList();
            var quiz = step.Map("quiz") is { } quizMap ? ParseQuiz(quizMap) : null;
            string? solution = File(step, "solution", directory);
            string? text = File(step, "text", directory, required: true);
            string? markdown = text is null ? null : LabFiles.Read(directory, text);
            // The tester types a step's Run blocks before its solution, as a student clicks them: when they solve the step,
            // they are its solution (a Killercoda scenario's {{exec}} actions usually are).
            if (checks.Count > 0 && solution is null && !step.Has("solution") && (markdown is null || RunBlocks.Read(markdown).Count == 0))
                step.Problem($"step '{id}' has checks but neither a 'solution' nor a Run block: the checker needs one to prove the step can be passed");
            if (nodes.Count > 0 && nodes.All(n => n.Name != node))
                step.Problem(step.Get("node")!, $"node '{node}' is not one of this lab's nodes ({string.Join(", ", nodes.Select(n => n.Name))})");
            if (text is not null)
                step.Problems.AddRange(RunBlocks.Problems(markdown!).Select(p => new LabProblem(text, p.Line, p.Message)));
            steps.Add(new LabStep(id, step.String("title", required: true) ?? id, text ?? "",
                File(step, "setup", directory), solution, checks, step.Bool("background"), needs, quiz, step.Line) { Node = node });
        }
        return steps;
    }

    /// <summary>
    /// A script reaches the node on the stdin of an exec (<see cref="Checks.ScriptRun"/>), which the daemon takes up to
    /// this size: the one limit, so a script that validates is a script that runs whole.
    /// </summary>
    public const int MaxScriptBytes = Checks.ScriptRun.MaxScriptBytes;

    private static string? File(YamlMap map, string key, string directory, bool required = false)
    {
        string? relative = map.String(key, required);
        if (relative is null)
            return null;
        if (LabFiles.Problem(directory, relative) is { } problem)
        {
            map.Problem(map.Get(key)!, problem);
            return null;
        }
        if (key is "setup" or "solution" or "script" && new FileInfo(Path.Combine(directory, relative)).Length > MaxScriptBytes)
        {
            map.Problem(map.Get(key)!, $"'{relative}' is over {MaxScriptBytes / 1024} KiB, the most a script can carry into a node");
            return null;
        }
        return relative;
    }

    private static LabCheck? ParseCheck(YamlMap step, YamlNode item, string directory, IReadOnlyList<LabNode> nodes, string stepNode)
    {
        if (step.AsMap(item, "a check") is not { } check)
            return null;
        var kinds = CheckKinds.Where(check.Has).ToList();
        if (kinds.Count != 1)
        {
            check.Problem(kinds.Count == 0
                ? $"a check names one of {string.Join(", ", CheckKinds)}"
                : $"a check names one kind, not {string.Join(" and ", kinds)}");
            return null;
        }
        string kind = kinds[0];
        string node = check.String("node") ?? stepNode;
        if (nodes.Count > 0 && nodes.All(n => n.Name != node))
            check.Problem(check.Get("node")!, $"node '{node}' is not one of this lab's nodes ({string.Join(", ", nodes.Select(n => n.Name))})");
        string? message = check.String("message");
        int line = check.Line;
        switch (kind)
        {
            case "script":
                check.OnlyKnown("script", "node", "message");
                return File(check, "script", directory) is { } file ? new ScriptCheck(node, message, line, file, null) : null;
            case "run":
                check.OnlyKnown("run", "node", "message");
                if (check.String("run") is not { } inline)
                    return null;
                if (System.Text.Encoding.UTF8.GetByteCount(inline) > MaxScriptBytes)
                    check.Problem(check.Get("run")!, $"'run' is over {MaxScriptBytes / 1024} KiB, the most a script can carry into a node");
                return new ScriptCheck(node, message, line, null, inline);
            case "namespace":
                check.OnlyKnown("namespace", "nested", "node", "message");
                string ns = check.String("namespace") ?? "";
                if (!NamespaceKinds.Contains(ns))
                    check.Problem(check.Get("namespace")!, $"namespace '{ns}' is not one of {string.Join(", ", NamespaceKinds)}");
                return new NamespaceCheck(node, message, line, ns, check.Bool("nested", fallback: true));
            case "memoryLimit" or "pidsLimit" or "cpuLimit":
                check.OnlyKnown(kind, "node", "message");
                return ParseLimit(check, kind, node, message, line);
            case "oomKills":
                check.OnlyKnown("oomKills", "node", "message");
                return check.Map("oomKills", required: true) is { } oom && oom.Int("atLeast", 0, int.MaxValue) is int atLeast
                    ? CheckOnly(oom, new OomKillCheck(node, message, line, atLeast), "atLeast")
                    : null;
            case "file":
                check.OnlyKnown("file", "change", "node", "message");
                string path = check.String("file") ?? "/";
                string change = check.String("change", required: true) ?? "added";
                if (!path.StartsWith('/'))
                    check.Problem(check.Get("file")!, $"'{path}' must be an absolute path inside the node");
                if (!ChangeKinds.Contains(change))
                    check.Problem(check.Get("change") ?? item, $"change '{change}' is not one of {string.Join(", ", ChangeKinds)}");
                return new FileChangeCheck(node, message, line, path, change);
            default:
                check.OnlyKnown("process", "running", "node", "message");
                return new ProcessCheck(node, message, line, check.String("process") ?? "", check.Bool("running", fallback: true));
        }
    }

    private static T CheckOnly<T>(YamlMap map, T value, params string[] known)
    {
        map.OnlyKnown(known);
        return value;
    }

    private static LimitCheck? ParseLimit(YamlMap check, string kind, string node, string? message, int line)
    {
        if (check.Map(kind, required: true) is not { } bounds)
            return null;
        bounds.OnlyKnown("atMost", "atLeast");
        var resource = kind switch { "memoryLimit" => LimitResource.Memory, "pidsLimit" => LimitResource.Pids, _ => LimitResource.Cpus };
        double? Bound(string key) => resource switch
        {
            LimitResource.Memory => bounds.Bytes(key),
            LimitResource.Pids => bounds.Int(key, 1, int.MaxValue),
            _ => bounds.Number(key, 0.01, 1024),
        };
        double? atMost = Bound("atMost"), atLeast = Bound("atLeast");
        if (!bounds.Has("atMost") && !bounds.Has("atLeast"))
            bounds.Problem($"'{kind}' needs atMost, atLeast or both");
        return new LimitCheck(node, message, line, resource, atMost, atLeast);
    }

    private static LabQuiz? ParseQuiz(YamlMap quiz)
    {
        quiz.OnlyKnown("question", "multiple", "answers");
        string question = quiz.String("question", required: true) ?? "";
        bool multiple = quiz.Bool("multiple");
        var answers = new List<LabAnswer>();
        foreach (var item in quiz.Sequence("answers", required: true))
        {
            if (quiz.AsMap(item, "an answer") is not { } answer)
                continue;
            answer.OnlyKnown("text", "correct", "explanation");
            answers.Add(new LabAnswer(answer.String("text", required: true) ?? "", answer.Bool("correct"),
                answer.String("explanation", required: true) ?? ""));
        }
        int right = answers.Count(a => a.Correct);
        if (quiz.Has("answers") && answers.Count < 2)
            quiz.Problem(quiz.Get("answers")!, "a quiz offers at least two answers");
        if (answers.Count >= 2 && right == 0)
            quiz.Problem(quiz.Get("answers")!, "a quiz has at least one right answer (correct: true)");
        if (!multiple && right > 1)
            quiz.Problem(quiz.Get("answers")!, $"a single-choice quiz has exactly one right answer, not {right} (or say multiple: true)");
        return new LabQuiz(question, multiple, answers);
    }
}
