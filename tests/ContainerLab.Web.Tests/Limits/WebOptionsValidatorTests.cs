using ContainerLab.Web.Limits;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Tests.Limits;

public sealed class WebOptionsValidatorTests
{
    private static string? Failure(WebOptions options) => new WebOptionsValidator().Validate(null, options).FailureMessage;

    [Fact]
    public void The_defaults_pass() => Assert.Null(Failure(new WebOptions()));

    [Fact]
    public void A_node_default_above_the_webs_own_ceiling_stops_the_web_naming_both_settings()
    {
        string? failure = Failure(new WebOptions { MaxNodeMemory = "128m" });
        Assert.Equal("ContainerLab:NodeMemoryBytes (256 MiB) is above ContainerLab:MaxNodeMemory (128 MiB): every new node would be refused; lower the one or raise the other", failure);
    }

    [Fact]
    public void A_node_default_above_the_session_ceiling_stops_the_web()
    {
        Assert.StartsWith("ContainerLab:NodeCpus (1 CPU) is above ContainerLab:MaxSessionCpus (0.5 CPU)", Failure(new WebOptions { MaxSessionCpus = 0.5 }));
    }

    [Fact]
    public void A_size_it_cannot_read_is_named()
    {
        Assert.Equal("ContainerLab:MaxSessionDisk: 'lots' is not a size such as 64m, 1g, 512MiB or a number of bytes", Failure(new WebOptions { MaxSessionDisk = "lots" }));
    }

    [Fact]
    public void A_ceiling_of_zero_is_refused()
    {
        Assert.Contains("ContainerLab:MaxNodePids and ContainerLab:MaxSessionPids must be above 0 when set", Failure(new WebOptions { MaxNodePids = 0 }));
    }
}
