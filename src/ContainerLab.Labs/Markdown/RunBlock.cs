using Markdig;
using Markdig.Syntax;

namespace ContainerLab.Labs.Markdown;

/// <summary>
/// A block of a step's text with a Run button, as the student would type it: its code, whether it is meant to fail
/// (<c>expect-fail</c>), its 1-based line in the step's file and its 1-based number among the step's run blocks.
/// </summary>
public sealed record RunBlock(int Number, int Line, string Code, bool ExpectFail);

/// <summary>A mistake in a step's Markdown, at a 1-based line of the step's file.</summary>
public sealed record MarkdownProblem(int Line, string Message);

/// <summary>The run blocks of a step's Markdown, in order, and the mistakes in the marks of its code blocks.</summary>
public static class RunBlocks
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    public static IReadOnlyList<RunBlock> Read(string markdown) => Parse(markdown).Blocks;

    public static IReadOnlyList<MarkdownProblem> Problems(string markdown) => Parse(markdown).Problems;

    private static (IReadOnlyList<RunBlock> Blocks, IReadOnlyList<MarkdownProblem> Problems) Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        // Read as the page renders it: the <details>/<summary> lines fold hints away and are not Markdown. Blank lines
        // in their place keep every other line where it is.
        string text = string.Join('\n', markdown.ReplaceLineEndings("\n").Split('\n').Select(l => LabMarkdown.IsFoldLine(l) ? "" : l));
        var blocks = new List<RunBlock>();
        var problems = new List<MarkdownProblem>();
        foreach (var fenced in Markdig.Markdown.Parse(text, Pipeline).Descendants<FencedCodeBlock>())
        {
            var marks = CodeBlockMarks.Parse(fenced.Arguments);
            int line = fenced.Line + 1;
            problems.AddRange(marks.Problems.Select(p => new MarkdownProblem(line, p)));
            if (marks.IsRun)
                blocks.Add(new RunBlock(blocks.Count + 1, line, LabMarkdown.CodeOf(fenced), marks.ExpectFail));
        }
        return (blocks, problems);
    }
}
