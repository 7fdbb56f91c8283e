using System.Diagnostics;
using ContainerLab.Api.Client;
using Microsoft.Playwright;

namespace ContainerLab.Bench.InspectBench;

/// <summary>One phase of the web's CPU: lab pages open (idle: the panels follow their sandboxes) or navigated away.</summary>
internal sealed record PagePhase(bool Open, double WallSeconds, double WebCpuSeconds, double DaemonCpuSeconds, int Watched);

/// <summary>
/// The web's CPU per open lab page: <see cref="Pages"/> idle pages open, then the same pages on about:blank (the
/// sessions stay, their circuits end, so their kernel panels stop following), in rotated rounds. A phase starts only
/// once the daemon watches as many sandboxes as it should (GET /v1/info), so a circuit still alive is not counted closed.
/// </summary>
internal sealed class WebCpu(ContainerLabClient client, IReadOnlyList<IPage> pages, int webPid, int daemonPid, TimeSpan phaseLength)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public IReadOnlyList<IPage> Pages => pages;
    public List<PagePhase> Phases { get; } = [];
    /// <summary>Navigated away -> the daemon no longer watched the pages' sandboxes (the circuits ended), ms.</summary>
    public Samples CircuitEndMs { get; } = new();

    public async Task RunAsync(int rounds, Action<string> log)
    {
        int watchedOpen = await WatchedAsync();
        int watchedClosed = watchedOpen - pages.Count;
        bool open = true;
        for (int round = 0; round < rounds; round++)
        {
            foreach (bool wantOpen in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                if (wantOpen != open)
                {
                    await (wantOpen ? OpenAsync(watchedOpen) : CloseAsync(watchedClosed));
                    open = wantOpen;
                }
                await Task.Delay(Settle);
                double webBefore = ProcessCpu.Seconds(webPid), daemonBefore = ProcessCpu.Seconds(daemonPid);
                long start = Stopwatch.GetTimestamp();
                await Task.Delay(phaseLength);
                double webAfter = ProcessCpu.Seconds(webPid), daemonAfter = ProcessCpu.Seconds(daemonPid);
                var phase = new PagePhase(open, Stopwatch.GetElapsedTime(start).TotalSeconds, webAfter - webBefore, daemonAfter - daemonBefore,
                    await WatchedAsync());
                Phases.Add(phase);
                log($"web round {round + 1}/{rounds}, pages {(open ? "open" : "closed")}: web {100 * phase.WebCpuSeconds / phase.WallSeconds:0.00}% of a core");
            }
        }
    }

    private async Task OpenAsync(int watchedOpen)
    {
        foreach (var page in pages)
        {
            await page.GotoAsync("/lab");
            await ScreenLatency.WaitForLabAsync(page);
        }
        await WaitForWatchedAsync(watchedOpen);
    }

    private async Task CloseAsync(int watchedClosed)
    {
        long start = Stopwatch.GetTimestamp();
        foreach (var page in pages)
            await page.GotoAsync("about:blank");
        await WaitForWatchedAsync(watchedClosed);
        CircuitEndMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private async Task WaitForWatchedAsync(int expected)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 240;
        int watched;
        while ((watched = await WatchedAsync()) != expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"the daemon watches {watched} sandboxes, expected {expected}, after 240 s");
            await Task.Delay(100);
        }
    }

    private async Task<int> WatchedAsync() => (await client.GetInfoAsync()).ChangeStream!.Watched;
}
