using System.Text.RegularExpressions;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// A page's Markdown in the lab's dialect, the commands of its Solution &lt;details&gt; (<paramref name="SolutionBlocks"/>)
/// and every runnable command of the page in order, inside a Solution or not (<paramref name="RunBlocks"/>: what a student
/// clicking each {{exec}} on Killercoda would run). See <see cref="KillercodaMarkdown"/>.
/// </summary>
public sealed record ConvertedMarkdown(string Text, IReadOnlyList<string> SolutionBlocks, IReadOnlyList<string> RunBlocks);

/// <summary>
/// Killercoda Markdown to lab Markdown, line by line:
/// a code block closed by <c>```{{exec}}</c> becomes <c>```sh run</c>; one closed by <c>```{{copy}}</c> becomes
/// <c>```sh copy</c> (or <c>```yaml copy</c> when it named a language); an inline <c>`cmd`{{exec}}</c> stays inline
/// code and gains a <c>sh run</c> block after its line; <c>`cmd`{{copy}}</c> stays inline code. Code blocks and
/// <c>&lt;details&gt;</c> are otherwise kept as they are. The runnable commands inside a <c>&lt;details&gt;</c> whose
/// <c>&lt;summary&gt;</c> starts with "Solution" are collected as the step's solution (docs/KILLERCODA.md).
/// </summary>
public static partial class KillercodaMarkdown
{
    [GeneratedRegex(@"^(?<indent>\s*)(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex OpeningFence();

    [GeneratedRegex(@"^\s*(?<fence>`{3,}|~{3,})\s*(\{\{\s*(?<kind>execute|exec|copy)\b(?<args>[^}]*)\}\})?\s*$")]
    private static partial Regex ClosingFence();

    [GeneratedRegex(@"(?<tick>`+)(?<code>[^`]+)\k<tick>\{\{\s*(?<kind>execute|exec|copy)\b(?<args>[^}]*)\}\}")]
    private static partial Regex InlineMarker();

    [GeneratedRegex(@"<details\b[^>]*>|</details\s*>|<summary\b[^>]*>(?<summary>.*?)</summary\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex DetailsTag();

    [GeneratedRegex(@"^(?<quote>(\s*>)*)(?<indent>\s*)(?<marker>([-*+]|\d{1,9}[.)])\s+)?")]
    private static partial Regex LinePrefix();

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"!\[[^\]]*\]\((?!https?:)(?<src>[^)\s]+)")]
    private static partial Regex LocalImage();

    [GeneratedRegex(@"<[^>]*>|[*_`:]")]
    private static partial Regex SummaryDecoration();

    public static ConvertedMarkdown Convert(string markdown, string file, List<LabProblem> notes)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var output = new List<string>(lines.Length);
        var solution = new List<string>();
        var all = new List<string>();
        var details = new Stack<(bool Solution, bool Summarized)>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (OpeningFence().Match(line) is { Success: true } open)
            {
                int close = FindClose(lines, i, open.Groups["fence"].Value);
                if (close < 0)
                {
                    output.AddRange(lines[i..]); // an unclosed fence runs to the end (CommonMark): all of it is code
                    break;
                }
                var marker = ClosingFence().Match(lines[close]);
                string indent = open.Groups["indent"].Value, fence = open.Groups["fence"].Value;
                var body = lines[(i + 1)..close];
                switch (marker.Groups["kind"].Value)
                {
                    case "exec" or "execute":
                        NoteArguments(marker.Groups["kind"].Value, marker.Groups["args"].Value, file, close + 1, notes);
                        output.Add($"{indent}{fence}sh run");
                        output.AddRange(body);
                        output.Add(indent + fence);
                        string block = string.Join('\n', body.Select(l => Dedent(l, indent.Length)));
                        all.Add(block);
                        if (InSolution(details))
                            solution.Add(block);
                        break;
                    case "copy":
                        output.Add($"{indent}{fence}{CopyLanguage(open.Groups["info"].Value)} copy");
                        output.AddRange(body);
                        output.Add(indent + fence);
                        break;
                    default:
                        output.AddRange(lines[i..(close + 1)]);
                        break;
                }
                i = close;
                continue;
            }
            bool solutionBefore = InSolution(details);
            Track(line, details);
            bool inSolution = solutionBefore || InSolution(details);
            var runs = new List<string>();
            string converted = InlineMarker().Replace(line, m =>
            {
                if (m.Groups["kind"].Value != "copy")
                {
                    NoteArguments(m.Groups["kind"].Value, m.Groups["args"].Value, file, i + 1, notes);
                    runs.Add(m.Groups["code"].Value.Trim());
                }
                return m.Groups["tick"].Value + m.Groups["code"].Value + m.Groups["tick"].Value;
            });
            foreach (Match left in Placeholder().Matches(converted))
                notes.Add(new LabProblem(file, i + 1, $"{left.Value} is Killercoda's and is not converted (a lab has no port links or variables)"));
            foreach (Match image in LocalImage().Matches(converted))
                notes.Add(new LabProblem(file, i + 1, $"the image {image.Groups["src"].Value} is not copied into the lab"));
            output.Add(converted);
            if (runs.Count == 0)
                continue;
            if (converted.TrimStart().StartsWith('|'))
            {
                notes.Add(new LabProblem(file, i + 1, "a runnable command inside a table stays inline code: a run block cannot go into a table row"));
                continue;
            }
            string prefix = BlockPrefix(converted);
            foreach (string run in runs)
            {
                output.AddRange([prefix + "```sh run", prefix + run, prefix + "```"]);
                all.Add(run);
                if (inSolution)
                    solution.Add(run);
            }
        }
        return new ConvertedMarkdown(string.Join('\n', output), solution, all);
    }

    private static int FindClose(string[] lines, int open, string fence)
    {
        for (int j = open + 1; j < lines.Length; j++)
        {
            var close = ClosingFence().Match(lines[j]);
            string candidate = close.Groups["fence"].Value;
            if (close.Success && candidate[0] == fence[0] && candidate.Length >= fence.Length)
                return j;
        }
        return -1;
    }

    /// <summary>Follows &lt;details&gt; nesting; a details block is a solution when its summary starts with the word "Solution".</summary>
    private static void Track(string line, Stack<(bool Solution, bool Summarized)> details)
    {
        foreach (Match tag in DetailsTag().Matches(line))
        {
            if (tag.Value.StartsWith("</", StringComparison.Ordinal))
                details.TryPop(out _);
            else if (tag.Value.StartsWith("<details", StringComparison.OrdinalIgnoreCase))
                details.Push((false, false));
            else if (details.TryPeek(out var top) && !top.Summarized)
            {
                string summary = SummaryDecoration().Replace(tag.Groups["summary"].Value, "").Trim();
                bool isSolution = summary.StartsWith("solution", StringComparison.OrdinalIgnoreCase)
                    && (summary.Length == 8 || !char.IsLetter(summary[8]) || summary[8..].StartsWith('s'));
                details.Pop();
                details.Push((isSolution, true));
            }
        }
    }

    private static bool InSolution(Stack<(bool Solution, bool Summarized)> details) => details.Any(d => d.Solution);

    /// <summary>What a run block inserted after <paramref name="line"/> is prefixed with to stay in its list item or quote.</summary>
    private static string BlockPrefix(string line)
    {
        var prefix = LinePrefix().Match(line);
        return prefix.Groups["quote"].Value + new string(' ', prefix.Groups["indent"].Length + prefix.Groups["marker"].Length);
    }

    private static string CopyLanguage(string info)
    {
        string language = info.Trim().Split(' ', 2)[0];
        return language is "" or "plain" or "bash" or "shell" or "sh" or "console" ? "sh" : language;
    }

    private static string Dedent(string line, int indent)
    {
        int cut = 0;
        while (cut < indent && cut < line.Length && line[cut] is ' ' or '\t')
            cut++;
        return line[cut..];
    }

    private static void NoteArguments(string kind, string arguments, string file, int line, List<LabProblem> notes)
    {
        string args = arguments.Trim();
        if (args.Contains("interrupt", StringComparison.OrdinalIgnoreCase))
            notes.Add(new LabProblem(file, line, $"{{{{{kind} {args}}}}} becomes a plain run block: a lab does not press Ctrl-C first"));
        else if (args.Length > 0)
            notes.Add(new LabProblem(file, line, $"'{{{{{kind} {args}}}}}' becomes a plain run block in the terminal that is open"));
    }
}
