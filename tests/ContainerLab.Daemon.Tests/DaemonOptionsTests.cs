using ContainerLab.Daemon.Hosting;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Daemon.Tests;

public sealed class DaemonOptionsTests
{
    private static string? NoEnvironment(string _) => null;

    [Fact]
    public void Defaults_are_the_documented_paths()
    {
        var options = DaemonOptions.Parse([], NoEnvironment);
        Assert.Equal("/run/containerlab/containerlabd.sock", options.SocketPath);
        Assert.Equal("/var/lib/containerlab", options.Engine.StateDirectory);
        Assert.Equal("/containerlab", options.Engine.CgroupParent);
        Assert.Equal("auto", options.Engine.Runtime);
        Assert.Equal("auto", options.Engine.Accelerator);
    }

    [Fact]
    public void The_accelerator_is_auto_kvm_or_tcg_from_the_flag_or_the_environment()
    {
        Assert.Equal("tcg", DaemonOptions.Parse(["--accelerator", "tcg"], NoEnvironment).Engine.Accelerator);
        Assert.Equal("kvm", DaemonOptions.Parse([], v => v == "CONTAINERLAB_ACCELERATOR" ? "kvm" : null).Engine.Accelerator);
    }

    [Fact]
    public void Flags_win_over_the_environment_and_both_forms_of_flags_work()
    {
        var environment = new Dictionary<string, string>
        {
            ["CONTAINERLAB_SOCKET"] = "/env/sock",
            ["CONTAINERLAB_STATE"] = "/env/state",
            ["CONTAINERLAB_RUNTIME"] = "runc",
        };
        var options = DaemonOptions.Parse(["--socket", "/flag/sock", "--max-sandboxes=7", "--id-base", "200000"], environment.GetValueOrDefault);
        Assert.Equal("/flag/sock", options.SocketPath);
        Assert.Equal("/env/state", options.Engine.StateDirectory);
        Assert.Equal("runc", options.Engine.Runtime);
        Assert.Equal(7, options.Engine.MaxSandboxes);
        Assert.Equal(200000u, options.Engine.IdRangeBase);
    }

    [Theory]
    [InlineData("--unknown", "x", "unknown option --unknown")]
    [InlineData("--max-sandboxes", "many", "positive whole number")]
    [InlineData("--max-sandboxes", "0", "positive whole number")]
    [InlineData("--accelerator", "hvf", "--accelerator must be auto, kvm or tcg, not 'hvf'")]
    [InlineData("--cgroup-parent", "relative", "absolute cgroup path")]
    [InlineData("--cgroup-parent", "/a/../b", "absolute cgroup path")]
    public void Bad_options_say_what_is_wrong(string flag, string value, string message)
    {
        var error = Assert.Throws<InvalidRequestException>(() => DaemonOptions.Parse([flag, value], NoEnvironment));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_flag_without_a_value_is_an_error() =>
        Assert.Contains("needs a value", Assert.Throws<InvalidRequestException>(() => DaemonOptions.Parse(["--socket"], NoEnvironment)).Message);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--socket /x --help")]
    public void Help_is_asked_for_anywhere_on_the_line(string line) => Assert.True(DaemonOptions.AsksForHelp(line.Split(' ')));

    [Fact]
    public void The_usage_names_every_option_the_parser_knows_and_its_default()
    {
        foreach (string option in new[] { "--socket", "--group", "--state-dir", "--runtime", "--cgroup-parent", "--id-base", "--max-sandboxes", "--accelerator", "--init" })
            Assert.Contains(option + " ", DaemonOptions.Usage);
        var defaults = DaemonOptions.Parse([], NoEnvironment);
        Assert.Contains(defaults.SocketPath, DaemonOptions.Usage);
        Assert.Contains(defaults.Engine.StateDirectory, DaemonOptions.Usage);
        Assert.Contains($"default {defaults.Engine.IdRangeBase})", DaemonOptions.Usage);
        Assert.Contains($"default {defaults.Engine.MaxSandboxes})", DaemonOptions.Usage);
    }
}
