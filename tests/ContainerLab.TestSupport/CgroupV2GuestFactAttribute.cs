using Xunit;

namespace ContainerLab.TestSupport;

/// <summary>
/// A test of what a cgroup v2 server shows, run inside the cgroup v2 guest (scripts/test-cgroup-v2.sh, which sets
/// CONTAINERLAB_CGROUP_V2_GUEST=1; CI runs it there). scripts/test.sh leaves these out of its host rounds, so they are
/// never counted as skipped there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CgroupV2GuestFactAttribute : FactAttribute
{
    public const string Variable = "CONTAINERLAB_CGROUP_V2_GUEST";

    public CgroupV2GuestFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = "runs in the cgroup v2 guest: sudo scripts/test-cgroup-v2.sh (CI runs it)";
    }
}
