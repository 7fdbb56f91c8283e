using ContainerLab.Labs.Markdown;

namespace ContainerLab.Labs.Tests.Markdown;

/// <summary>The run blocks a student can click, as the tester types them, and the marks of a code block.</summary>
public sealed class RunBlocksTests
{
    [Fact]
    public void Run_blocks_come_in_order_with_their_line_code_and_expect_fail_also_inside_a_hint()
    {
        var blocks = RunBlocks.Read("""
            # Step

            ```sh run
            cd /tmp
            x=1
            ```

            ```sh copy
            not typed
            ```

            <details>
            <summary>Hint</summary>

            ```sh run expect-fail
            unshare -u true
            ```
            </details>
            """);

        Assert.Equal(2, blocks.Count);
        Assert.Equal(new RunBlock(1, 3, "cd /tmp\nx=1", false), blocks[0]);
        Assert.Equal(new RunBlock(2, 15, "unshare -u true", true), blocks[1]);
    }

    [Theory]
    [InlineData("run", "run", false, 0)]
    [InlineData("run expect-fail", "run", true, 0)]
    [InlineData("copy", "copy", false, 0)]
    [InlineData("title=whatever", null, false, 0)]
    [InlineData("copy expect-fail", "copy", false, 1)]
    [InlineData("expect-fail", null, false, 1)]
    [InlineData("run expect-fial", "run", false, 1)]
    [InlineData("run copy", "run", false, 1)]
    public void Marks_are_read_once_for_page_validator_and_tester(string arguments, string? action, bool expectFail, int problems)
    {
        var marks = CodeBlockMarks.Parse(arguments);

        Assert.Equal((action, expectFail, problems), (marks.Action, marks.ExpectFail, marks.Problems.Count));
    }

    [Fact]
    public void A_typo_in_a_mark_is_a_problem_at_the_block_s_line()
    {
        var problems = RunBlocks.Problems("# Step\n\n```sh run expect-fial\nfalse\n```\n");

        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("'expect-fial' is not a mark of a run block", problem.Message);
    }

    [Fact]
    public void The_page_marks_an_expect_fail_block_and_types_the_same_code()
    {
        string html = LabMarkdown.ToHtml("```sh run expect-fail\nunshare -u true\n```\n");

        Assert.Contains("<div class=\"code-block run expect-fail\" data-action=\"run\" data-code=\"unshare -u true\">", html);
    }
}
