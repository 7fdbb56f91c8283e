using ContainerLab.Engine.Namespaces;
using ContainerLab.Engine.Runtime;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Tests.Runtime;

/// <summary>A spec and layout as the engine would hand them to the builders.</summary>
internal static class SandboxFixtures
{
    public static SandboxSpec Spec(PrivilegeProfile profile = PrivilegeProfile.Default) => new()
    {
        Image = "busybox",
        Command = ["/bin/sh", "-c", "echo hi"],
        WorkingDirectory = "/root",
        Profile = profile,
        Limits = SandboxLimits.Default with { MemoryBytes = 128 * SandboxLimits.MiB, Pids = 100, Cpus = 1.5, OpenFiles = 2048 },
    };

    public static SandboxRuntimeLayout Layout() => new()
    {
        RootfsPath = "/var/lib/containerlab/sandboxes/sbx-1/rootfs",
        CgroupsPath = "/containerlab/sbx-1",
        Ids = new IdRange(200_000, 65_536),
        Hostname = "web",
        HostsFile = "/var/lib/containerlab/sandboxes/sbx-1/hosts",
        HostnameFile = "/var/lib/containerlab/sandboxes/sbx-1/hostname",
        ImageEnvironment = ["PATH=/image/bin:/bin", "LANG=C.UTF-8"],
        ImageCommand = ["/bin/httpd", "-f"],
    };
}
