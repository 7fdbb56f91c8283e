using System.Diagnostics;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Bench.InspectBench;

/// <summary>
/// Change -> event at a daemon-side subscriber, with every open sandbox watched: a file touched through exec (t0 when the
/// exec call returned) until the "files" event naming it arrives; a process started through exec until the "processes"
/// event naming its host pid arrives. Samples alternate between the two kinds and walk over the sandboxes, with random
/// gaps so that they fall anywhere in the daemon's 250 ms tick.
/// </summary>
internal sealed class EventLatency(ContainerLabClient client, IReadOnlyList<Subscriber> subscribers)
{
    private readonly Random _gaps = new(42);

    /// <summary>exec returned -> "files" event naming the touched path.</summary>
    public Samples FileMs { get; } = new();
    /// <summary>exec returned -> "processes" event naming the started pid.</summary>
    public Samples ProcessMs { get; } = new();
    /// <summary>exec returned -> the touch's exit known (POST .../wait answered): how long the change itself may take.</summary>
    public Samples TouchExitMs { get; } = new();

    public async Task MeasureAsync(int samples, int warmups)
    {
        for (int i = 0; i < warmups + samples; i++)
        {
            var subscriber = subscribers[i % subscribers.Count];
            var (file, exit) = await TouchAsync(client, subscriber, $"/root/clab-event-{i:000}-x");
            await Task.Delay(Gap());
            double process = await StartProcessAsync(client, subscriber);
            await Task.Delay(Gap());
            if (i < warmups)
                continue;
            FileMs.Add(file);
            TouchExitMs.Add(exit);
            ProcessMs.Add(process);
        }
    }

    private TimeSpan Gap() => TimeSpan.FromMilliseconds(250 + _gaps.NextDouble() * 500);

    /// <summary>`touch PATH` in the subscriber's sandbox; ms from the exec call's return to the files event and to the exit.</summary>
    public static async Task<(double EventMs, double ExitMs)> TouchAsync(ContainerLabClient client, Subscriber subscriber, string path)
    {
        int mark = subscriber.Mark();
        var process = await client.ExecAsync(subscriber.SandboxId, new ExecRequest { Command = ["touch", path] });
        long t0 = Stopwatch.GetTimestamp();
        var exited = client.WaitAsync(subscriber.SandboxId, process.Id).ContinueWith(_ => Stopwatch.GetTimestamp(), TaskScheduler.Default);
        long t1 = await subscriber.Expect(mark, e => e.Type == SandboxEventTypes.Files && e.Paths?.Contains(path) == true);
        long exit = await exited;
        return (Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds, Stopwatch.GetElapsedTime(t0, exit).TotalMilliseconds);
    }

    /// <summary>`sleep 100` started in the subscriber's sandbox; ms from the exec call's return to the processes event naming its pid.</summary>
    private static async Task<double> StartProcessAsync(ContainerLabClient client, Subscriber subscriber)
    {
        int mark = subscriber.Mark();
        var process = await client.ExecAsync(subscriber.SandboxId, new ExecRequest { Command = ["sleep", "100"] });
        long t0 = Stopwatch.GetTimestamp();
        int pid = process.Pid ?? throw new InvalidOperationException("exec returned no pid");
        long t1 = await subscriber.Expect(mark, e => e.Type == SandboxEventTypes.Processes && e.Started?.Contains(pid) == true);
        return Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
    }
}
