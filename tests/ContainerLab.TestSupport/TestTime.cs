using System.Globalization;

namespace ContainerLab.TestSupport;

/// <summary>
/// The tests' hang guards (never sleeps) scaled by CONTAINERLAB_TEST_TIME_SCALE (default 1): the cgroup v2 guest runs
/// the same tests with every instruction emulated under TCG, several times slower (scripts/test-cgroup-v2.sh sets it).
/// </summary>
public static class TestTime
{
    public static double Scale { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("CONTAINERLAB_TEST_TIME_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out double scale) && scale >= 1
            ? scale
            : 1;

    /// <summary><paramref name="guard"/> as long as this machine needs it.</summary>
    public static TimeSpan Scaled(TimeSpan guard) => guard * Scale;
}
