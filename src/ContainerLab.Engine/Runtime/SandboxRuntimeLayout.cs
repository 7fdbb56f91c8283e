using ContainerLab.Engine.Namespaces;

namespace ContainerLab.Engine.Runtime;

/// <summary>
/// Where the engine put one sandbox's parts on the host, as input to the OCI config.json:
/// the mounted overlay root, the absolute cgroup path, the user namespace's id range and the
/// per-sandbox files bind-mounted into it.
/// </summary>
public sealed record SandboxRuntimeLayout
{
    /// <summary>Host path of the mounted overlay (the container's root).</summary>
    public required string RootfsPath { get; init; }

    /// <summary>Absolute cgroup path, e.g. "/containerlab/sbx-1a2b" (absolute so runc does not nest it under the caller's).</summary>
    public required string CgroupsPath { get; init; }

    /// <summary>Host ids that uid/gid 0..65535 inside map onto.</summary>
    public required IdRange Ids { get; init; }

    /// <summary>Hostname inside the UTS namespace.</summary>
    public required string Hostname { get; init; }

    /// <summary>Host file bind-mounted at /etc/hosts (names of the session's other sandboxes), or null.</summary>
    public string? HostsFile { get; init; }

    /// <summary>Host file bind-mounted at /etc/hostname, or null.</summary>
    public string? HostnameFile { get; init; }

    /// <summary>Device nodes beyond the usual ones (a VM node on a network: /dev/net/tun), each allowed in the device cgroup.</summary>
    public IReadOnlyList<Oci.OciDevice> Devices { get; init; } = [];

    /// <summary>A VM node's: host directory of its agent's socket, bind-mounted read-only at /run/clab-agent, or null.</summary>
    public string? AgentDirectory { get; init; }

    /// <summary>A VM node's own /dev/kvm node when its QEMU uses KVM (Vms/KvmDevice), else null.</summary>
    public string? KvmDevice { get; init; }

    /// <summary>Host path of the static init bind-mounted at <see cref="InitInside"/> and run as pid 1, or null.</summary>
    public string? InitBinary { get; init; }

    /// <summary>Where the init appears inside: on the sandbox's private /dev tmpfs, so the image and its writable layer stay untouched.</summary>
    public const string InitInside = "/dev/init";

    /// <summary>Environment from the image config (KEY=VALUE), overridden by the spec's.</summary>
    public IReadOnlyList<string> ImageEnvironment { get; init; } = [];

    /// <summary>Where the first process starts when the spec names no working directory: the image's WorkingDir.</summary>
    public string ImageWorkingDirectory { get; init; } = "/";

    /// <summary>argv to run when the spec gives no command (the image's Entrypoint+Cmd), else /bin/sh.</summary>
    public IReadOnlyList<string> ImageCommand { get; init; } = [];
}
