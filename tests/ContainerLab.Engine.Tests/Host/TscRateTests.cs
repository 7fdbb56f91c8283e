using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Tests.Host;

public sealed class TscRateTests
{
    private const string Virtual = "processor\t: 0\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2096.023\nflags\t\t: fpu tsc constant_tsc tsc_known_freq hypervisor\n\nprocessor\t: 1\ncpu MHz\t\t: 1800.000\n";

    [Fact]
    public void A_constant_tsc_without_aperfmperf_is_the_first_cpus_mhz_in_khz() =>
        Assert.Equal(2096023, TscRate.FromCpuInfo(Virtual));

    [Fact]
    public void With_aperfmperf_cpu_mhz_is_the_current_clock_and_says_nothing_of_the_tsc() =>
        Assert.Null(TscRate.FromCpuInfo(Virtual.Replace("hypervisor", "hypervisor aperfmperf")));

    [Fact]
    public void A_tsc_that_is_not_constant_has_no_rate() =>
        Assert.Null(TscRate.FromCpuInfo(Virtual.Replace(" constant_tsc", "")));

    [Theory]
    [InlineData("")]
    [InlineData("flags\t: constant_tsc\n")]
    [InlineData("cpu MHz\t: fast\nflags\t: constant_tsc\n")]
    [InlineData("cpu MHz\t: -5\nflags\t: constant_tsc\n")]
    public void Malformed_cpuinfo_has_no_rate(string cpuinfo) => Assert.Null(TscRate.FromCpuInfo(cpuinfo));

    [Fact]
    public void This_hosts_rate_when_known_is_a_plausible_clock() =>
        Assert.True(TscRate.Khz is null or (> 100_000 and < 10_000_000), $"{TscRate.Khz} kHz");
}
