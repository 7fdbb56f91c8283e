using ContainerLab.Labs.Format;
using ContainerLab.Labs.Killercoda;

namespace ContainerLab.Labs.Tests.Killercoda;

/// <summary>Killercoda Markdown to lab Markdown, and the solution taken from a Solution &lt;details&gt;.</summary>
public sealed class KillercodaMarkdownTests
{
    private readonly List<LabProblem> _notes = [];

    private ConvertedMarkdown Convert(string markdown) => KillercodaMarkdown.Convert(markdown.ReplaceLineEndings("\n"), "text.md", _notes);

    [Fact]
    public void An_exec_block_becomes_a_run_block_whatever_language_it_named()
    {
        var result = Convert("Run:\n\n```plain\nls -l\npwd\n```{{exec}}\n\nthen:\n~~~\necho hi\n~~~{{execute}}\n");

        Assert.Equal("Run:\n\n```sh run\nls -l\npwd\n```\n\nthen:\n~~~sh run\necho hi\n~~~\n", result.Text);
        Assert.Empty(result.SolutionBlocks);
        Assert.Empty(_notes);
    }

    [Fact]
    public void A_copy_block_becomes_a_copy_block_and_keeps_a_language_other_than_shell()
    {
        var result = Convert("```\ncat x\n```{{copy}}\n\n```yaml\nkind: Pod\n```{{copy}}\n");

        Assert.Equal("```sh copy\ncat x\n```\n\n```yaml copy\nkind: Pod\n```\n", result.Text);
    }

    [Fact]
    public void Plain_code_blocks_are_kept_and_markers_inside_them_are_code()
    {
        const string markdown = "```\nwrite `ls`{{exec}} in your text\n```\n\n````md\n```\nx\n```{{exec}}\n````\n";

        Assert.Equal(markdown, Convert(markdown).Text);
    }

    [Fact]
    public void Inline_exec_stays_inline_code_with_a_run_block_after_its_line_indented_into_its_list_item()
    {
        var result = Convert("Try `uname -r`{{exec}} and `id`{{copy}}.\n* list with `ls /`{{execute T2}}\n* next\n");

        Assert.Equal("Try `uname -r` and `id`.\n```sh run\nuname -r\n```\n* list with `ls /`\n  ```sh run\n  ls /\n  ```\n* next\n", result.Text);
        var note = Assert.Single(_notes);
        Assert.Equal(("text.md", 2), (note.File, note.Line));
        Assert.Contains("{{execute T2}}", note.Message);
    }

    [Fact]
    public void Interrupt_placeholders_and_local_images_are_notes_with_their_lines()
    {
        var result = Convert("```\nnode server.js\n```{{exec interrupt}}\n\nOpen [it]({{TRAFFIC_HOST1_80}}).\n\n![diagram](./assets/d.png)\n");

        Assert.StartsWith("```sh run\nnode server.js\n```\n", result.Text);
        Assert.Collection(_notes,
            n => Assert.Equal((3, true), (n.Line, n.Message.Contains("interrupt"))),
            n => Assert.Equal((5, true), (n.Line, n.Message.Contains("{{TRAFFIC_HOST1_80}}"))),
            n => Assert.Equal((7, true), (n.Line, n.Message.Contains("./assets/d.png"))));
    }

    [Fact]
    public void An_unclosed_fence_runs_to_the_end_as_code()
    {
        const string markdown = "text\n```\nls `x`{{exec}}\n";

        Assert.Equal(markdown, Convert(markdown).Text);
    }

    [Fact]
    public void The_solution_is_the_exec_blocks_and_inline_execs_of_a_details_whose_summary_starts_with_solution()
    {
        const string markdown = """
            Do it yourself first:

            ```
            echo student
            ```{{exec}}

            <details><summary>Hint</summary>

            ```
            echo hint
            ```{{exec}}
            </details>

            <details>
            <summary><b>Solution</b></summary>

              ```
              mkdir -p /root/a
              touch /root/a/b
              ```{{exec}}

            <details><summary>Why</summary>

            `echo nested`{{exec}}
            </details>

            ```
            shown only
            ```{{copy}}
            </details>

            ```
            echo after
            ```{{exec}}
            """;

        var result = Convert(markdown);

        Assert.Equal(["mkdir -p /root/a\ntouch /root/a/b", "echo nested"], result.SolutionBlocks);
        Assert.Contains("  ```sh run\n  mkdir -p /root/a\n", result.Text);
    }

    [Theory]
    [InlineData("<summary>Solution</summary>", true)]
    [InlineData("<summary>solutions</summary>", true)]
    [InlineData("<summary>**Solution:** try it</summary>", true)]
    [InlineData("<summary>Hint</summary>", false)]
    [InlineData("<summary>Solutionless hint</summary>", false)]
    [InlineData("<summary>Show the answer</summary>", false)]
    public void Only_a_summary_starting_with_the_word_solution_marks_a_solution(string summary, bool solution)
    {
        var result = Convert($"<details>\n{summary}\n\n```\ntrue\n```{{{{exec}}}}\n</details>\n");

        Assert.Equal(solution ? ["true"] : [], result.SolutionBlocks);
    }
}
