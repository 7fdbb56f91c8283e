using System.Diagnostics;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Bench.InspectBench;

/// <summary>How the open sandboxes are followed during one phase.</summary>
internal enum Load
{
    /// <summary>Nobody follows them: the daemon's own cost with the sandboxes open (the baseline).</summary>
    Baseline,
    /// <summary>One change-stream subscriber per sandbox, as the web holds one per open lab page now.</summary>
    Watched,
    /// <summary>One GET /inspection per sandbox per second, as the web's kernel panels did before the change stream.</summary>
    Polled,
}

/// <summary>One phase as measured: wall clock, the daemon's CPU (utime + stime) and its change-stream counters.</summary>
internal sealed record Phase(Load Load, double WallSeconds, double DaemonCpuSeconds, ChangeStreamDto StreamBefore, ChangeStreamDto StreamAfter,
    long DaemonRssKib, int Requests);

/// <summary>The daemon under each <see cref="Load"/> in turn, rounds rotated so that drift in the machine's load hits each alike.</summary>
internal sealed class DaemonLoad(ContainerLabClient client, int daemonPid, IReadOnlyList<string> sandboxes, TimeSpan phaseLength)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public List<Phase> Phases { get; } = [];

    /// <summary>Client-side wall time of every GET /inspection of the polled phases (HTTP over the unix socket included).</summary>
    public Samples InspectionMs { get; } = new();

    public async Task RunAsync(int rounds, Action<string> log)
    {
        Load[] loads = [Load.Baseline, Load.Watched, Load.Polled];
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < loads.Length; k++)
            {
                var phase = await MeasureAsync(loads[(round + k) % loads.Length]);
                Phases.Add(phase);
                log($"round {round + 1}/{rounds}, {phase.Load}: daemon {100 * phase.DaemonCpuSeconds / phase.WallSeconds:0.00}% of a core");
            }
        }
    }

    /// <summary>A short unrecorded run of each load, so every path the phases take has run once.</summary>
    public async Task WarmUpAsync()
    {
        var subscribers = await Subscriber.OpenAllAsync(client, sandboxes);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Subscriber.CloseAllAsync(subscribers);
        foreach (string id in sandboxes)
            await client.InspectAsync(id);
    }

    private async Task<Phase> MeasureAsync(Load load)
    {
        List<Subscriber> subscribers = load == Load.Watched ? await Subscriber.OpenAllAsync(client, sandboxes) : [];
        await Task.Delay(Settle);
        var streamBefore = await StreamAsync();
        double cpuBefore = ProcessCpu.Seconds(daemonPid);
        long start = Stopwatch.GetTimestamp();
        int requests = 0;
        if (load == Load.Polled)
            requests = await PollAsync(start);
        else
            await Task.Delay(phaseLength);
        double cpuAfter = ProcessCpu.Seconds(daemonPid);
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var streamAfter = await StreamAsync();
        long rss = ProcessMemory.RssKib(daemonPid);
        await Subscriber.CloseAllAsync(subscribers);
        return new Phase(load, wall, cpuAfter - cpuBefore, streamBefore, streamAfter, rss, requests);
    }

    private async Task<ChangeStreamDto> StreamAsync() =>
        (await client.GetInfoAsync()).ChangeStream ?? throw new InvalidOperationException("this containerlabd reports no changeStream in /v1/info");

    /// <summary>Every sandbox's inspection once a second until the phase ends, the sandboxes spread evenly over the second.</summary>
    private async Task<int> PollAsync(long start)
    {
        var end = TimeSpan.FromTicks(phaseLength.Ticks);
        int requests = 0;
        async Task PollOneAsync(string id, TimeSpan offset)
        {
            for (var due = offset; due < end; due += TimeSpan.FromSeconds(1))
            {
                var wait = due - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                long sent = Stopwatch.GetTimestamp();
                await client.InspectAsync(id);
                double ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                lock (InspectionMs)
                {
                    InspectionMs.Add(ms);
                    requests++;
                }
            }
        }
        await Task.WhenAll(sandboxes.Select((id, i) => PollOneAsync(id, TimeSpan.FromSeconds((double)i / sandboxes.Count))));
        // The last requests may end a little after the phase's length: wait the rest, so every phase is as long.
        var rest = end - Stopwatch.GetElapsedTime(start);
        if (rest > TimeSpan.Zero)
            await Task.Delay(rest);
        return requests;
    }
}
