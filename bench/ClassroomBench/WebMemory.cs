namespace ContainerLab.Bench.ClassroomBench;

/// <summary>The web's resident memory once it stopped moving (the GC and the circuits' first renders settle in seconds).</summary>
internal static class WebMemory
{
    /// <summary>VmRSS in KiB, read every 500 ms until two readings 2 s apart differ by less than 1%, at most 30 s.</summary>
    public static async Task<long> SettledRssKibAsync(int pid)
    {
        long last = ProcessMemory.RssKib(pid);
        for (int i = 0; i < 15; i++)
        {
            await Task.Delay(2000);
            long now = ProcessMemory.RssKib(pid);
            if (Math.Abs(now - last) < last / 100)
                return now;
            last = now;
        }
        return last;
    }
}
