namespace ContainerLab.TestSupport;

/// <summary>Waits on a condition, never on a fixed sleep: a busy machine only makes the wait longer.</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails with <paramref name="failure"/> after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string failure) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, failure);

    /// <summary>As above, for a condition that is asked asynchronously (a browser page's state).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{failure} (waited {timeout.TotalSeconds:0} s)");
            await Task.Delay(20);
        }
    }
}
