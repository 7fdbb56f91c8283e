using Xunit;

namespace ContainerLab.TestSupport;

/// <summary>
/// A test that needs root and the real kernel (namespaces, cgroups, overlay, an OCI runtime), like runc's
/// `requires root`. It says so: outside CI, when not root, it is skipped with the stated requirement; in CI
/// (CI=true) it is never skipped, so a missing privilege fails loudly instead of passing silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute(string requirement = "root and the real kernel")
    {
        if (!Environment.IsPrivilegedProcess && !Requirements.InCi)
            Skip = $"requires {requirement}; run as root (CI runs it)";
    }
}

/// <summary>Theory variant of <see cref="RootFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute(string requirement = "root and the real kernel")
    {
        if (!Environment.IsPrivilegedProcess && !Requirements.InCi)
            Skip = $"requires {requirement}; run as root (CI runs it)";
    }
}

public static class Requirements
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>systemd's own test (sd_booted): /run/systemd/system exists only when systemd is PID 1.</summary>
    public static bool SystemdIsInit => Directory.Exists("/run/systemd/system");

    public static string InitName => File.Exists("/proc/1/comm") ? File.ReadAllText("/proc/1/comm").Trim() : "unknown";
}
