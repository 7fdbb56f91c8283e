using ContainerLab.Engine.Inspection.Watching;

namespace ContainerLab.Engine.Tests.Inspection.Watching;

/// <summary>The counters GET /v1/info reports for the change stream's loop.</summary>
public sealed class ChangeStreamStatisticsTests
{
    /// <summary>A clock whose timers never fire: only the test's own TickAll calls run.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

        private sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Each_tick_is_counted_with_the_sandboxes_it_read_and_its_wall_and_cpu_time()
    {
        await using var stream = new SandboxChangeStream(id => throw new InvalidOperationException($"no sandbox {id} here"), new StoppedClock());
        Assert.Equal(new ChangeStreamStatistics(0, 0, 0, TimeSpan.Zero, TimeSpan.Zero), stream.Statistics);

        stream.TickAll();
        stream.TickAll();

        var statistics = stream.Statistics;
        Assert.Equal(0, statistics.Watched);
        Assert.Equal(2, statistics.Ticks);
        Assert.Equal(0, statistics.SandboxTicks); // nobody subscribed: no sandbox was read
        Assert.True(statistics.Busy > TimeSpan.Zero && statistics.Busy < TimeSpan.FromSeconds(1), $"busy {statistics.Busy}");
        Assert.True(statistics.BusyCpu >= TimeSpan.Zero && statistics.BusyCpu < TimeSpan.FromSeconds(1), $"busy CPU {statistics.BusyCpu}");
    }
}
