using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Runtime;

/// <summary>Chooses the OCI runtime once at start: crun where it works (faster), runc as fallback or by setting.</summary>
public static class OciRuntimeSelector
{
    /// <param name="preference">"auto", "crun" or "runc".</param>
    /// <param name="hybridWithUnifiedControllers">The host is cgroup v1 hybrid and its unified mount has controllers.</param>
    public static OciRuntime Select(string preference, string stateRoot, bool hybridWithUnifiedControllers)
    {
        string? crun = FindExecutable("crun");
        string? runc = FindExecutable("runc");
        string? unshare = FindExecutable("unshare");
        // The crun wrapper needs unshare(1) to hide the unified mount on hybrid hosts.
        bool crunUsable = crun is not null && (!hybridWithUnifiedControllers || unshare is not null);
        return preference switch
        {
            "crun" when crunUsable => new OciRuntime(OciRuntimeKind.Crun, crun!, Path.Combine(stateRoot, "crun"), hybridWithUnifiedControllers),
            "crun" => throw new InvalidRequestException("runtime 'crun' was asked for but crun (and unshare on this hybrid host) is not installed"),
            "runc" when runc is not null => new OciRuntime(OciRuntimeKind.Runc, runc, Path.Combine(stateRoot, "runc"), false),
            "runc" => throw new InvalidRequestException("runtime 'runc' was asked for but runc is not installed"),
            "auto" when crunUsable => new OciRuntime(OciRuntimeKind.Crun, crun!, Path.Combine(stateRoot, "crun"), hybridWithUnifiedControllers),
            "auto" when runc is not null => new OciRuntime(OciRuntimeKind.Runc, runc, Path.Combine(stateRoot, "runc"), false),
            "auto" => throw new InvalidRequestException("no OCI runtime found: install crun or runc (apt-get install crun runc)"),
            _ => throw new InvalidRequestException($"unknown runtime '{preference}': use auto, crun or runc"),
        };
    }

    public static string? FindExecutable(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (string dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
