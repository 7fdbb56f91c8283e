namespace ContainerLab.Labs.Testing;

/// <summary>One row of `clabctl labs test`: a step's run blocks, and its checks before and after its solution.</summary>
/// <param name="FailedBefore">The checks failed before the solution ran (as they must: else the step passes without work).</param>
/// <param name="PassedAfter">Every check passed after the solution.</param>
/// <param name="Blocks">How many of the step's run blocks were typed into its node's terminal.</param>
/// <param name="BlocksOk">Every run block ended as marked (exit 0, or non-zero for expect-fail); null when the step has none.</param>
public sealed record LabStepTestResult(string Lab, string Step, bool? FailedBefore, bool? PassedAfter, string Detail, int Blocks = 0, bool? BlocksOk = null)
{
    /// <summary>Steps without checks (reading, quizzes) have nothing to prove but their run blocks.</summary>
    public bool Ok => FailedBefore is not false && PassedAfter is not false && BlocksOk is not false;
}
