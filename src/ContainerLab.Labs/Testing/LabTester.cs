using System.Globalization;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Checks;
using ContainerLab.Labs.Format;
using ContainerLab.Labs.Markdown;

namespace ContainerLab.Labs.Testing;

/// <summary>
/// Proves a lab solvable on a real daemon: in fresh sandboxes made from its nodes, step by step in order, runs the
/// step's setup, its checks (they must fail: a check that passes before the solution checks nothing), types the run
/// blocks of its text into its node's terminal as the Run buttons do (each must exit 0, or non-zero when marked
/// expect-fail), runs its solution, and its checks again (they must pass). Quizzes must have a right answer that the
/// quiz accepts. The sandboxes are removed at the end whatever happened.
/// </summary>
public sealed class LabTester(ContainerLabClient client)
{
    /// <summary>Background checks (a namespace appearing) may need a moment after a solution started something.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <param name="stepTested">Called with each step's result as soon as it is known (the web shows them as they come).</param>
    public async Task<IReadOnlyList<LabStepTestResult>> TestAsync(Lab lab, CancellationToken cancellationToken = default,
        Action<LabStepTestResult>? stepTested = null)
    {
        var results = new List<LabStepTestResult>();
        string session = "labtest-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var sandboxes = new Dictionary<string, string>();
        try
        {
            foreach (var node in lab.Nodes)
                sandboxes[node.Name] = (await client.CreateSandboxAsync(NodeRequest(node, session), true, cancellationToken)
                    .ConfigureAwait(false)).Id;
            var nodes = new DaemonLabNodes(client, sandboxes);
            await using var terminals = new Terminals(client);
            foreach (var step in lab.Steps)
            {
                results.Add(await TestStepAsync(lab, step, nodes, terminals, cancellationToken).ConfigureAwait(false));
                stepTested?.Invoke(results[^1]);
            }
        }
        catch (ContainerLabApiException e)
        {
            results.Add(new LabStepTestResult(lab.Id, "(nodes)", null, false, $"the lab's nodes could not be made: {e.Detail}"));
            stepTested?.Invoke(results[^1]);
        }
        finally
        {
            foreach (string id in sandboxes.Values)
            {
                try { await client.RemoveSandboxAsync(id, force: true, CancellationToken.None).ConfigureAwait(false); }
                catch (ContainerLabApiException) { } // already gone
            }
        }
        return results;
    }

    /// <summary>The sandbox a lab node is: what the web starts for a student (<see cref="StudentNode"/>).</summary>
    public static CreateSandboxRequest NodeRequest(LabNode node, string session) =>
        StudentNode.Request(node.Image, node.Name, node.Profile, session,
            new LimitsDto { MemoryBytes = node.MemoryBytes, Pids = node.Pids, Cpus = node.Cpus }, node.Kind);

    private async Task<LabStepTestResult> TestStepAsync(Lab lab, LabStep step, DaemonLabNodes nodes, Terminals terminals, CancellationToken cancellationToken)
    {
        var scripts = new StepScripts(nodes);
        if (await scripts.SetUpAsync(lab, step, cancellationToken).ConfigureAwait(false) is { ExitCode: not 0 } setup)
            return new LabStepTestResult(lab.Id, step.Id, null, false, $"setup {step.SetupFile} exited with {setup.ExitCode}: {OutputTail.Of(setup.Output)}");
        if (step.Quiz is { } quiz)
        {
            var right = quiz.Answers.Select((a, i) => (a, i)).Where(x => x.a.Correct).Select(x => x.i).ToArray();
            bool accepted = quiz.IsRight(right) && !quiz.IsRight([.. Enumerable.Range(0, quiz.Answers.Count).Except(right)]);
            if (!accepted)
                return new LabStepTestResult(lab.Id, step.Id, null, false, "the quiz does not accept its own right answers, or accepts the wrong ones");
        }
        var runner = new CheckRunner(nodes);
        bool? failedBefore = null;
        if (step.Checks.Count > 0)
            failedBefore = (await runner.RunAsync(lab, step, cancellationToken).ConfigureAwait(false)).Any(r => !r.Passed);

        // What the student clicks comes before the solution and the checks after it, as in the guide.
        var blocks = RunBlocks.Read(LabFiles.Read(lab.Directory, step.TextFile));
        string? blockFailure = await TypeBlocksAsync(step, blocks, nodes, terminals, cancellationToken).ConfigureAwait(false);
        bool? blocksOk = blocks.Count == 0 ? null : blockFailure is null;
        if (step.Checks.Count == 0)
            return new LabStepTestResult(lab.Id, step.Id, null, null, blockFailure ?? (step.Quiz is null ? "reading" : "quiz"), blocks.Count, blocksOk);

        // Without a solution the Run blocks just typed are the step's solution.
        var solved = await scripts.SolveAsync(lab, step, cancellationToken).ConfigureAwait(false);
        if (solved is { ExitCode: not 0 })
            return new LabStepTestResult(lab.Id, step.Id, failedBefore, false,
                Join(blockFailure, $"solution {step.SolutionFile} exited with {solved.ExitCode}: {OutputTail.Of(solved.Output)}"), blocks.Count, blocksOk);
        var after = await runner.RunAsync(lab, step, cancellationToken).ConfigureAwait(false);
        if (after.Any(r => !r.Passed) && SettleTime > TimeSpan.Zero)
        {
            await Task.Delay(SettleTime, cancellationToken).ConfigureAwait(false);
            after = await runner.RunAsync(lab, step, cancellationToken).ConfigureAwait(false);
        }
        bool passedAfter = after.All(r => r.Passed);
        string detail = failedBefore == false ? "the checks pass before the solution: they check nothing"
            : !passedAfter ? "after the solution: " + string.Join("; ", after.Where(r => !r.Passed).Select(r => r.Message))
            : "ok";
        return new LabStepTestResult(lab.Id, step.Id, failedBefore, passedAfter, blockFailure is null ? detail : Join(blockFailure, detail == "ok" ? null : detail),
            blocks.Count, blocksOk);
    }

    /// <summary>Types the step's run blocks into its node's terminal in order; the first that does not end as marked stops
    /// the rest (a student would stop there too) and is the answer.</summary>
    private static async Task<string?> TypeBlocksAsync(LabStep step, IReadOnlyList<RunBlock> blocks, DaemonLabNodes nodes, Terminals terminals,
        CancellationToken cancellationToken)
    {
        foreach (var block in blocks)
        {
            var terminal = await terminals.OfAsync(step.Node, nodes, cancellationToken).ConfigureAwait(false);
            var typed = await terminal.TypeAsync(block, ScriptLimits.Step, cancellationToken).ConfigureAwait(false);
            string where = $"run block {block.Number} ({step.TextFile}:{block.Line}) in {step.Node}";
            string tail = OutputTail.Of(typed.Output);
            string? failure = typed switch
            {
                { TimedOut: true } => $"{where} did not finish within {ScriptLimits.Step.TotalSeconds:0} s: {tail}",
                { ShellEnded: true } => $"{where} ended the node's shell (exit {typed.Status?.ToString(CultureInfo.InvariantCulture) ?? "by a signal"}): {tail}",
                { Status: 0 } when block.ExpectFail => $"{where} is marked {CodeBlockMarks.ExpectFailWord} but exited with 0: {tail}",
                { Status: not 0 } when !block.ExpectFail => $"{where} exited with {typed.Status}: {tail}",
                _ => null,
            };
            if (failure is not null)
                return failure;
        }
        return null;
    }

    private static string Join(string? first, string? second) => string.Join("; ", new[] { first, second }.OfType<string>());

    /// <summary>One terminal per node for the whole lab, opened when a block first needs it: the student's terminal stays
    /// open from step to step.</summary>
    private sealed class Terminals(ContainerLabClient client) : IAsyncDisposable
    {
        private readonly Dictionary<string, NodeTerminal> _open = [];

        public async Task<NodeTerminal> OfAsync(string node, DaemonLabNodes nodes, CancellationToken cancellationToken)
        {
            if (!_open.TryGetValue(node, out var terminal))
                _open[node] = terminal = await NodeTerminal.AttachAsync(client, nodes.Sandbox(node), cancellationToken).ConfigureAwait(false);
            return terminal;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var terminal in _open.Values)
                await terminal.DisposeAsync().ConfigureAwait(false);
        }
    }
}
