namespace ContainerLab.Labs.Markdown;

/// <summary>
/// What the words after a fenced block's language mean in a lab's Markdown (<c>```sh run expect-fail</c>): <c>run</c>
/// (a Run button types the block into the terminal), <c>copy</c> (a Copy button), and on a run block
/// <c>expect-fail</c> (the block is meant to exit non-zero: the lesson is the refusal). One reading for the page, the
/// validator and the tester.
/// </summary>
public sealed record CodeBlockMarks(string? Action, bool ExpectFail, IReadOnlyList<string> Problems)
{
    public const string Run = "run";
    public const string Copy = "copy";
    public const string ExpectFailWord = "expect-fail";

    public bool IsRun => Action == Run;

    /// <summary>
    /// Reads Markdig's arguments of a fenced block (the info string after the language). Words other than ours are the
    /// author's business in a plain block, but a mistake in a run or copy block (a typo of expect-fail would silently
    /// make a lesson's refusal fail the lab test).
    /// </summary>
    public static CodeBlockMarks Parse(string? arguments)
    {
        string[] words = arguments?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        bool run = words.Contains(Run), copy = words.Contains(Copy), expectFail = words.Contains(ExpectFailWord);
        string? action = run ? Run : copy ? Copy : null;
        var problems = new List<string>();
        if (run && copy)
            problems.Add("a code block is either 'run' or 'copy', not both");
        if (expectFail && !run)
            problems.Add($"'{ExpectFailWord}' marks a run block that is meant to fail; add 'run' (```sh run {ExpectFailWord}) or remove it");
        if (action is not null)
        {
            foreach (string word in words.Where(w => w is not (Run or Copy or ExpectFailWord)))
                problems.Add($"'{word}' is not a mark of a {action} block (known: {Run}, {Copy}, {ExpectFailWord})");
        }
        return new CodeBlockMarks(action, expectFail && run, problems);
    }
}
