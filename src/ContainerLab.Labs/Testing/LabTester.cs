using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Checks;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Testing;

/// <summary>
/// Proves a lab solvable on a real daemon: in fresh sandboxes made from its nodes, step by step in order, runs the
/// step's setup, its checks (they must fail: a check that passes before the solution checks nothing), its solution,
/// and its checks again (they must pass). Quizzes must have a right answer that the quiz accepts. The sandboxes are
/// removed at the end whatever happened.
/// </summary>
public sealed class LabTester(ContainerLabClient client)
{
    public static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Background checks (a namespace appearing) may need a moment after a solution started something.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(1);

    public async Task<IReadOnlyList<LabStepTestResult>> TestAsync(Lab lab, CancellationToken cancellationToken = default)
    {
        var results = new List<LabStepTestResult>();
        string session = "labtest-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var sandboxes = new Dictionary<string, string>();
        try
        {
            foreach (var node in lab.Nodes)
                sandboxes[node.Name] = (await client.CreateSandboxAsync(NodeRequest(node, session, lab.Nodes.Count > 1), true, cancellationToken)
                    .ConfigureAwait(false)).Id;
            var nodes = new DaemonLabNodes(client, sandboxes);
            foreach (var step in lab.Steps)
                results.Add(await TestStepAsync(lab, step, nodes, cancellationToken).ConfigureAwait(false));
        }
        catch (ContainerLabApiException e)
        {
            results.Add(new LabStepTestResult(lab.Id, "(nodes)", null, false, $"the lab's nodes could not be made: {e.Detail}"));
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

    /// <summary>The sandbox a lab node is (also what the web asks for a student).</summary>
    public static CreateSandboxRequest NodeRequest(LabNode node, string session, bool network) => new()
    {
        Image = node.Image,
        Name = node.Name,
        Profile = node.Profile,
        Session = session,
        Network = network ? "session" : "none",
        Tty = true,
        Limits = new LimitsDto { MemoryBytes = node.MemoryBytes, Pids = node.Pids, Cpus = node.Cpus },
    };

    private async Task<LabStepTestResult> TestStepAsync(Lab lab, LabStep step, ILabNodes nodes, CancellationToken cancellationToken)
    {
        string node = step.Node;
        if (step.SetupFile is { } setup)
        {
            var ran = await nodes.RunScriptAsync(node, LabFiles.Read(lab.Directory, setup), ScriptTimeout, cancellationToken).ConfigureAwait(false);
            if (ran.ExitCode != 0)
                return new LabStepTestResult(lab.Id, step.Id, null, false, $"setup {setup} exited with {ran.ExitCode}: {Tail(ran.Output)}");
        }
        if (step.Quiz is { } quiz)
        {
            var right = quiz.Answers.Select((a, i) => (a, i)).Where(x => x.a.Correct).Select(x => x.i).ToArray();
            bool accepted = quiz.IsRight(right) && !quiz.IsRight([.. Enumerable.Range(0, quiz.Answers.Count).Except(right)]);
            if (!accepted)
                return new LabStepTestResult(lab.Id, step.Id, null, false, "the quiz does not accept its own right answers, or accepts the wrong ones");
        }
        if (step.Checks.Count == 0)
            return new LabStepTestResult(lab.Id, step.Id, null, null, step.Quiz is null ? "reading" : "quiz");

        var runner = new CheckRunner(nodes);
        var before = await runner.RunAsync(lab, step, cancellationToken).ConfigureAwait(false);
        bool failedBefore = before.Any(r => !r.Passed);
        var solved = await nodes.RunScriptAsync(node, LabFiles.Read(lab.Directory, step.SolutionFile!), ScriptTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (solved.ExitCode != 0)
            return new LabStepTestResult(lab.Id, step.Id, failedBefore, false, $"solution {step.SolutionFile} exited with {solved.ExitCode}: {Tail(solved.Output)}");
        var after = await runner.RunAsync(lab, step, cancellationToken).ConfigureAwait(false);
        if (after.Any(r => !r.Passed) && SettleTime > TimeSpan.Zero)
        {
            await Task.Delay(SettleTime, cancellationToken).ConfigureAwait(false);
            after = await runner.RunAsync(lab, step, cancellationToken).ConfigureAwait(false);
        }
        bool passedAfter = after.All(r => r.Passed);
        string detail = !failedBefore ? "the checks pass before the solution: they check nothing"
            : !passedAfter ? "after the solution: " + string.Join("; ", after.Where(r => !r.Passed).Select(r => r.Message))
            : "ok";
        return new LabStepTestResult(lab.Id, step.Id, failedBefore, passedAfter, detail);
    }

    private static string Tail(string output) => string.Join(" ", output.TrimEnd().Split('\n').TakeLast(3)).Trim();
}
