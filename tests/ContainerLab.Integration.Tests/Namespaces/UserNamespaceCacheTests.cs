using ContainerLab.Engine.Namespaces;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Namespaces;

public sealed class UserNamespaceCacheTests
{
    [RootFact("root to write another process's uid_map")]
    public async Task Creates_a_user_namespace_with_the_ranges_mapping_and_caches_it()
    {
        using var cache = new UserNamespaceCache();
        var range = new IdRange(3_500_000_000, IdRange.DefaultCount);
        var first = await cache.GetAsync(range).WaitAsync(TimeSpan.FromSeconds(10));
        var second = await cache.GetAsync(range);
        Assert.Same(first, second);
        Assert.False(first.IsInvalid);
        // The fd names a user namespace other than ours.
        string target = Interop.ReadLink($"/proc/self/fd/{first.DangerousGetHandle()}")!;
        Assert.StartsWith("user:[", target);
        Assert.NotEqual(Interop.ReadLink("/proc/self/ns/user"), target);
    }
}
