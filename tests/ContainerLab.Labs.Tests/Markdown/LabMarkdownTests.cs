using ContainerLab.Labs.Markdown;

namespace ContainerLab.Labs.Tests.Markdown;

public sealed class LabMarkdownTests
{
    [Fact]
    public void A_run_block_gets_its_code_and_a_run_button_and_copy_a_copy_button()
    {
        string html = LabMarkdown.ToHtml("Try:\n\n```sh run\nuname -r\n```\n\n```sh copy\necho \"<hi>\"\n```\n\n```sh\nplain\n```\n");

        Assert.Contains("<div class=\"code-block run\" data-action=\"run\" data-code=\"uname -r\">", html);
        Assert.Contains("<button type=\"button\" class=\"code-run\">Run</button>", html);
        Assert.Contains("data-code=\"echo &quot;&lt;hi&gt;&quot;\"", html);
        Assert.Contains("class=\"code-copy\">Copy", html);
        Assert.Contains("<pre><code class=\"language-sh\">plain", html);
    }

    [Fact]
    public void Details_fold_a_hint_and_other_html_is_escaped()
    {
        string html = LabMarkdown.ToHtml("<details>\n<summary>Hint <b>x</b></summary>\n\nUse **unshare**.\n</details>\n\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n");

        Assert.StartsWith("<details class=\"hint\"><summary>Hint &lt;b&gt;x&lt;/b&gt;</summary>", html);
        Assert.Contains("<strong>unshare</strong>", html);
        Assert.Contains("</details>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void An_unclosed_details_is_closed()
    {
        string html = LabMarkdown.ToHtml("<details>\n<summary>Solution</summary>\n\nsecret\n");
        Assert.EndsWith("</details>", html);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "#")]
    [InlineData("JavaScript:alert(1)", "#")]
    [InlineData("data:text/html,x", "#")]
    [InlineData("file:///etc/passwd", "#")]
    [InlineData("https://docs.kernel.org/", "https://docs.kernel.org/")]
    [InlineData("mailto:teacher@example.org", "mailto:teacher@example.org")]
    [InlineData("panel:namespaces/pid", "panel:namespaces/pid")]
    [InlineData("panel:nosuchpanel", "#")]
    [InlineData("other-step.md", "other-step.md")]
    [InlineData("/labs", "/labs")]
    public void Links_keep_only_harmless_targets(string url, string expected) =>
        Assert.Equal(expected, LabMarkdown.SafeUrl(url, isImage: false));

    [Fact]
    public void A_hostile_link_in_markdown_renders_harmless()
    {
        string html = LabMarkdown.ToHtml("[click](javascript:alert(1)) and [pid row](panel:namespaces/pid)");
        Assert.Contains("<a href=\"#\">click</a>", html);
        Assert.Contains("<a href=\"panel:namespaces/pid\">pid row</a>", html);
    }

    [Fact]
    public void A_quiz_explanation_renders_inline_with_code_and_escapes_html()
    {
        Assert.Equal("No: <code>uname -r</code> printed the host's release.", LabMarkdown.ToInlineHtml("No: `uname -r` printed the host's release."));
        Assert.Equal("a &lt;script&gt; tag", LabMarkdown.ToInlineHtml("a <script> tag"));
        Assert.StartsWith("<p>one</p>", LabMarkdown.ToInlineHtml("one\n\ntwo")); // two paragraphs stay paragraphs
    }
}
