using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ContainerLab.Labs.Markdown;

/// <summary>
/// A step's Markdown as HTML for the lab page. Lab files are untrusted (instructors, imports): raw HTML is escaped,
/// except the lines <c>&lt;details&gt;</c>, <c>&lt;summary&gt;TEXT&lt;/summary&gt;</c> and <c>&lt;/details&gt;</c> that
/// fold hints and solutions away; links keep only http(s), mailto, relative and <c>panel:</c> targets. Fenced code
/// marked <c>run</c> (```sh run) gets a Run button that types it into the terminal, <c>copy</c> a Copy button
/// (<see cref="CodeBlockMarks"/>);
/// <c>[the pid row](panel:namespaces/pid)</c> points at a live panel.
/// </summary>
public static partial class LabMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    [GeneratedRegex(@"^\s*<details>\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DetailsOpen();

    [GeneratedRegex(@"^\s*<summary>(?<text>.*?)</summary>\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Summary();

    [GeneratedRegex(@"^\s*</details>\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DetailsClose();

    /// <summary>The targets a <c>panel:</c> link may name, and the element of the kernel panels each points at.</summary>
    public static IReadOnlyDictionary<string, string> Panels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["namespaces"] = ".namespaces-panel",
        ["processes"] = ".processes-panel",
        ["cgroup"] = ".cgroup-panel",
        ["overlay"] = ".overlay-panel",
        ["startup"] = ".startup-panel",
        ["network"] = ".network-panel",
        ["chain"] = ".chain-panel",
    };

    /// <summary>A line that folds a hint away (<c>&lt;details&gt;</c>, <c>&lt;summary&gt;...&lt;/summary&gt;</c>, <c>&lt;/details&gt;</c>): not Markdown.</summary>
    internal static bool IsFoldLine(string line) => DetailsOpen().IsMatch(line) || Summary().IsMatch(line) || DetailsClose().IsMatch(line);

    /// <summary>A fenced block's code as the Run and Copy buttons give it: its lines, without the final newline.</summary>
    internal static string CodeOf(CodeBlock block) => block.Lines.ToString().TrimEnd('\n');

    /// <summary>
    /// A short text (a quiz answer's explanation) as inline HTML: the same rules as <see cref="ToHtml"/>, without the
    /// paragraph around it, so it can sit inside a line.
    /// </summary>
    public static string ToInlineHtml(string markdown)
    {
        string html = ToHtml(markdown).Trim();
        const string open = "<p>", close = "</p>";
        bool oneParagraph = html.StartsWith(open, StringComparison.Ordinal) && html.EndsWith(close, StringComparison.Ordinal)
            && html.IndexOf(open, open.Length, StringComparison.Ordinal) < 0;
        return oneParagraph ? html[open.Length..^close.Length] : html;
    }

    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = new StringBuilder();
        var chunk = new StringBuilder();
        int open = 0;
        foreach (string line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (DetailsOpen().IsMatch(line))
            {
                Flush(chunk, html);
                html.Append("<details class=\"hint\">");
                open++;
            }
            else if (Summary().Match(line) is { Success: true } summary && open > 0)
            {
                Flush(chunk, html);
                html.Append("<summary>").Append(WebUtility.HtmlEncode(summary.Groups["text"].Value.Trim())).Append("</summary>");
            }
            else if (DetailsClose().IsMatch(line) && open > 0)
            {
                Flush(chunk, html);
                html.Append("</details>");
                open--;
            }
            else
            {
                chunk.Append(line).Append('\n');
            }
        }
        Flush(chunk, html);
        for (; open > 0; open--)
            html.Append("</details>");
        return html.ToString();
    }

    private static void Flush(StringBuilder chunk, StringBuilder html)
    {
        if (chunk.Length == 0)
            return;
        var document = Markdig.Markdown.Parse(chunk.ToString(), Pipeline);
        chunk.Clear();
        foreach (var link in document.Descendants<LinkInline>())
            link.Url = SafeUrl(link.Url, link.IsImage);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new LabCodeBlockRenderer());
        renderer.Render(document);
        writer.Flush();
        html.Append(writer);
    }

    /// <summary>The link target if it is a harmless kind; "#" for javascript:, data:, file: and anything else.</summary>
    internal static string SafeUrl(string? url, bool isImage)
    {
        if (string.IsNullOrWhiteSpace(url))
            return "#";
        string trimmed = url.Trim();
        if (trimmed.StartsWith("panel:", StringComparison.Ordinal))
            return !isImage && Panels.ContainsKey(trimmed["panel:".Length..].Split('/')[0]) ? trimmed : "#";
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && !trimmed.StartsWith('/'))
            return absolute.Scheme is "http" or "https" || (absolute.Scheme == "mailto" && !isImage) ? trimmed : "#";
        // Relative: no scheme can hide in it ("javascript&#58;..." is not decoded by Uri; refuse any colon before a slash).
        int colon = trimmed.IndexOf(':'), slash = trimmed.IndexOf('/');
        return colon >= 0 && (slash < 0 || colon < slash) ? "#" : trimmed;
    }

    /// <summary>Fenced code with "run" or "copy" after the language becomes a block with a button; the rest renders as usual.</summary>
    private sealed class LabCodeBlockRenderer : CodeBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock block)
        {
            var marks = CodeBlockMarks.Parse((block as FencedCodeBlock)?.Arguments);
            if (marks.Action is not { } action)
            {
                base.Write(renderer, block);
                return;
            }
            string code = CodeOf(block);
            string expectFail = marks.ExpectFail ? " expect-fail" : "";
            renderer.Write($"<div class=\"code-block {action}{expectFail}\" data-action=\"{action}\" data-code=\"")
                .WriteEscape(code).Write("\"><pre><code>").WriteEscape(code).Write("</code></pre>")
                .Write($"<button type=\"button\" class=\"code-{action}\">{(action == "run" ? "Run" : "Copy")}</button></div>\n");
        }
    }
}
