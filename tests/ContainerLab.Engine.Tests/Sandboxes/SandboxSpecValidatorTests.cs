using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Host;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Tests.Sandboxes;

public sealed class SandboxSpecValidatorTests
{
    private static readonly SandboxSpec Valid = new() { Image = "busybox", Command = ["sh"] };
    private static readonly LimitBounds Bounds = LimitBounds.For(new HostCapacity(Cores: 2, MemoryBytes: 24L << 30));

    [Fact]
    public void A_plain_spec_is_valid() => SandboxSpecValidator.Validate(Valid, Bounds);

    [Theory]
    [InlineData("/proc/self/fd/3")]
    [InlineData("/proc")]
    [InlineData("/sys/kernel")]
    [InlineData("/dev/shm")]
    [InlineData("relative")]
    [InlineData("")]
    [InlineData("/tmp/../proc")]
    [InlineData("/tmp/./x")]
    [InlineData("/tmp//x")]
    [InlineData("/tmp/")]
    [InlineData("/tmp\n")]
    public void Refuses_working_directories_outside_the_rules(string workdir)
    {
        var error = Assert.Throws<InvalidRequestException>(() =>
            SandboxSpecValidator.Validate(Valid with { WorkingDirectory = workdir }, Bounds));
        Assert.Contains("working directory", error.Message);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/root")]
    [InlineData("/home/student/lab-1")]
    [InlineData("/processes")] // not /proc
    public void Accepts_ordinary_working_directories(string workdir) =>
        SandboxSpecValidator.Validate(Valid with { WorkingDirectory = workdir }, Bounds);

    public static TheoryData<SandboxLimits, string> BadLimits => new()
    {
        { new SandboxLimits { MemoryBytes = 1 }, "memory" },
        { new SandboxLimits { MemoryBytes = long.MaxValue }, "memory" },
        { new SandboxLimits { Pids = 0 }, "pids" },
        { new SandboxLimits { Cpus = double.NaN }, "cpus" },
        { new SandboxLimits { Cpus = 100 }, "cpus" },
        { new SandboxLimits { DiskBytes = -1 }, "disk" },
        { new SandboxLimits { DiskInodes = 1 }, "disk inodes" },
        { new SandboxLimits { OpenFiles = 1_000_000 }, "open files" },
    };

    [Theory]
    [MemberData(nameof(BadLimits))]
    public void Refuses_limits_outside_the_servers_bounds(SandboxLimits limits, string what)
    {
        var error = Assert.ThrowsAny<ContainerLabException>(() => SandboxSpecValidator.Validate(Valid with { Limits = limits }, Bounds));
        Assert.StartsWith(what, error.Message);
    }

    [Fact]
    public void Refuses_bad_names_sessions_env_and_argv()
    {
        Assert.Throws<InvalidRequestException>(() => SandboxSpecValidator.Validate(Valid with { Name = "a/b" }, Bounds));
        Assert.Throws<InvalidRequestException>(() => SandboxSpecValidator.Validate(Valid with { Network = NetworkMode.Session }, Bounds));
        Assert.Throws<InvalidRequestException>(() => SandboxSpecValidator.Validate(
            Valid with { Environment = new Dictionary<string, string> { ["A=B"] = "x" } }, Bounds));
        Assert.Throws<InvalidRequestException>(() => SandboxSpecValidator.Validate(Valid with { Command = ["sh", "a\0b"] }, Bounds));
        Assert.Throws<InvalidRequestException>(() => SandboxSpecValidator.Validate(
            Valid with { TerminalSize = new TerminalSize(0, 24) }, Bounds));
        Assert.Throws<InvalidRequestException>(() => SandboxSpecValidator.Validate(new ExecSpec { Command = [] }));
    }

    [Theory]
    [InlineData("node1", true)]
    [InlineData("a", true)]
    [InlineData("0abc-def", true)]
    [InlineData("Node1", false)]
    [InlineData("-x", false)]
    [InlineData("a.b", false)]
    [InlineData("..", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void Names_are_dns_labels(string name, bool valid) => Assert.Equal(valid, SandboxName.IsValid(name));

    [Fact]
    public void A_name_of_64_characters_is_too_long()
    {
        Assert.True(SandboxName.IsValid(new string('a', 63)));
        Assert.False(SandboxName.IsValid(new string('a', 64)));
    }
}
