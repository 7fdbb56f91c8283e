using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Runtime;

namespace ContainerLab.Engine.Tests.Runtime;

public sealed class RuntimeErrorClassifierTests
{
    [Theory]
    [InlineData("setns(pid=16032, CLONE_*): Operation not permitted", true)]
    [InlineData("setns(pid=87793, CLONE_NEWUSER): Operation not permitted", true)]
    [InlineData("setns(pid=16032, CLONE_*): No such process", false)]
    [InlineData("executable file `nope` not found in $PATH: No such file or directory", false)]
    [InlineData("", false)]
    public void Only_crun_joining_an_init_that_has_not_exec_d_yet_is_transient(string stderr, bool transient) =>
        Assert.Equal(transient, RuntimeErrorClassifier.IsTransient(stderr));

    [Fact]
    public void A_missing_command_is_the_callers_mistake_and_a_setns_failure_stays_a_host_error()
    {
        Assert.IsType<InvalidRequestException>(RuntimeErrorClassifier.Classify(
            new RuntimeCommandException("crun", 1, "executable file `nope` not found in $PATH: No such file or directory")));
        Assert.IsType<RuntimeCommandException>(RuntimeErrorClassifier.Classify(
            new RuntimeCommandException("crun", 1, "setns(pid=1, CLONE_*): Operation not permitted")));
    }
}
