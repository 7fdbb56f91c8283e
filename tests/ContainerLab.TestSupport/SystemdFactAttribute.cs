using Xunit;

namespace ContainerLab.TestSupport;

/// <summary>
/// A test that installs real systemd units: it needs root and systemd as PID 1 (a class server, a CI runner with
/// systemd). Where either is missing it is skipped with the reason, naming what PID 1 is, in CI as well: a container or
/// VM without systemd init cannot run it, and `systemd-analyze verify` (a plain test) still checks the units there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SystemdFactAttribute : FactAttribute
{
    public SystemdFactAttribute()
    {
        if (!Requirements.SystemdIsInit)
            Skip = $"requires systemd as PID 1 (here PID 1 is '{Requirements.InitName}'): runs on a server or CI runner booted with systemd";
        else if (!Environment.IsPrivilegedProcess)
            Skip = "requires root to install systemd units; run as root";
    }
}
