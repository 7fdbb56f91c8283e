using System.Globalization;
using ContainerLab.Api.Client;
using ContainerLab.Daemon.Diagnostics;
using ContainerLab.Engine.Runtime;
using ContainerLab.Engine.Tracing;

namespace ContainerLab.Daemon.Tests;

public sealed class ServerTimingHeaderTests
{
    [Fact]
    public void A_limit_change_has_daemon_runtime_and_kernel_in_that_order()
    {
        var trace = new OperationTrace();
        trace.Add(new RuntimeRun("crun update", TimeSpan.FromMilliseconds(8.1), InWrapper: true));
        trace.Add(new KernelWork("memory.max = 268435456, pids.max = 128, cpu.max = 50000 100000", TimeSpan.FromTicks(410)));

        string header = ServerTimingHeader.Format(TimeSpan.FromMilliseconds(12.3454), trace);

        Assert.Equal("daemon;dur=12.345;desc=\"containerlabd\", runtime;dur=8.100;desc=\"crun update (in the cgroup v1 wrapper)\", "
            + "kernel;dur=0.041;desc=\"memory.max = 268435456, pids.max = 128, cpu.max = 50000 100000\"", header);
    }

    [Fact]
    public void Runtime_calls_add_up_and_are_named_in_order_and_without_work_there_is_no_metric()
    {
        var trace = new OperationTrace();
        trace.Add(new RuntimeRun("runc create", TimeSpan.FromMilliseconds(30), InWrapper: false));
        trace.Add(new RuntimeRun("runc start", TimeSpan.FromMilliseconds(2.5), InWrapper: false));

        var metrics = DaemonTiming.Parse([ServerTimingHeader.Format(TimeSpan.FromMilliseconds(40), trace)]);

        Assert.Equal(["daemon", "runtime"], metrics.Select(m => m.Name));
        Assert.Equal(new ServerTimingMetric("runtime", 32.5, "runc create + runc start"), metrics[1]);
        Assert.Equal("daemon;dur=0.250;desc=\"containerlabd\"", ServerTimingHeader.Format(TimeSpan.FromMilliseconds(0.25), new OperationTrace()));
    }

    [Fact]
    public void Durations_use_a_decimal_point_in_every_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        // A German-style culture by hand: the build runs with invariant globalization, which has no named cultures.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = comma;
        try
        {
            Assert.Equal("kernel;dur=1234.500;desc=\"x\"", ServerTimingHeader.Metric("kernel", TimeSpan.FromMilliseconds(1234.5), "x"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("crun update", "\"crun update\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\path", "\"C:\\\\path\"")]
    [InlineData("line\nbreak\ttab\u0000nul\u007fdel", "\"line break tab nul del\"")]
    [InlineData("naïve → ok", "\"na?ve ? ok\"")]
    [InlineData("", "\"\"")]
    public void Descriptions_are_quoted_strings(string description, string quoted) =>
        Assert.Equal(quoted, ServerTimingHeader.Quote(description));

    [Fact]
    public void Long_descriptions_are_cut_before_escaping()
    {
        string quoted = ServerTimingHeader.Quote(new string('\\', 200));

        Assert.Equal(2 + 2 * (ServerTimingHeader.MaxDescriptionLength - 3) + 3, quoted.Length);
        Assert.EndsWith("\\\\...\"", quoted, StringComparison.Ordinal);
        Assert.Equal(ServerTimingHeader.MaxDescriptionLength, DaemonTiming.Parse([$"m;desc={quoted}"])[0].Description!.Length);
    }

    [Fact]
    public void What_is_sent_is_what_the_client_reads_back()
    {
        var trace = new OperationTrace();
        trace.Add(new KernelWork("a, b; c=\"d\" \\ e", TimeSpan.FromMilliseconds(1)));

        var metrics = DaemonTiming.Parse([ServerTimingHeader.Format(TimeSpan.FromMilliseconds(2), trace)]);

        Assert.Equal(new ServerTimingMetric("kernel", 1, "a, b; c=\"d\" \\ e"), metrics.Single(m => m.Name == "kernel"));
    }
}
