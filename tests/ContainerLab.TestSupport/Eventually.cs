namespace ContainerLab.TestSupport;

/// <summary>Waits on a condition, never on a fixed sleep: a busy machine only makes the wait longer.</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails with <paramref name="failure"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{failure} (waited {timeout.TotalSeconds:0} s)");
            await Task.Delay(20);
        }
    }
}
