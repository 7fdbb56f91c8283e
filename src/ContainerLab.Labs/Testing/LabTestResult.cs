namespace ContainerLab.Labs.Testing;

/// <summary>One row of `clabctl labs test`: a step's checks before and after its solution.</summary>
/// <param name="FailedBefore">The checks failed before the solution ran (as they must: else the step passes without work).</param>
/// <param name="PassedAfter">Every check passed after the solution.</param>
public sealed record LabStepTestResult(string Lab, string Step, bool? FailedBefore, bool? PassedAfter, string Detail)
{
    /// <summary>Steps without checks (reading, quizzes) have nothing to prove: null before/after, and they pass.</summary>
    public bool Ok => FailedBefore is not false && PassedAfter is not false;
}
