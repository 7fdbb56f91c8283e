using System.Runtime.InteropServices;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Runtime.Seccomp;

/// <summary>
/// ContainerLab's seccomp profiles. Unlike Docker's allow-list, the default action is ALLOW with
/// explicit denials: students run arbitrary distributions and tools, and a syscall newer than the
/// profile should work rather than fail mysteriously. The user namespace and the capability set are
/// the main wall; seccomp removes the kernel interfaces that are dangerous even behind them.
/// </summary>
public static class SeccompProfiles
{
    public static OciSeccomp For(PrivilegeProfile profile, Architecture hostArchitecture)
    {
        List<OciSyscallRule> rules =
        [
            Deny(DeniedSyscalls.Always),
            .. ArgumentRules.SocketFamilies(),
            .. ArgumentRules.Personality(),
        ];
        switch (profile)
        {
            case PrivilegeProfile.Default:
                rules.Add(Deny(DeniedSyscalls.DefaultOnly));
                rules.AddRange(ArgumentRules.CloneNamespaces());
                rules.Add(ArgumentRules.Clone3NotImplemented());
                break;
            case PrivilegeProfile.Internals:
                // unshare, setns, clone with CLONE_NEW*, clone3 and the mount syscalls stay allowed:
                // `unshare -Urpf --mount-proc` and overlay mounts inside the student's own user namespace.
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(profile), profile, "unknown privilege profile");
        }
        return new OciSeccomp
        {
            DefaultAction = SeccompAction.Allow,
            Architectures = ArchitecturesFor(hostArchitecture),
            Syscalls = rules,
        };
    }

    /// <summary>
    /// The host's native ABI and its compat ABIs. A syscall from an ABI not listed gets libseccomp's
    /// bad-arch action (kill), so listing the compat ABIs lets 32-bit programs run, under the same rules:
    /// each name is resolved per ABI (e.g. vm86 exists on x86 only).
    /// </summary>
    public static IReadOnlyList<SeccompArchitecture> ArchitecturesFor(Architecture hostArchitecture) => hostArchitecture switch
    {
        Architecture.X64 => [SeccompArchitecture.X64, SeccompArchitecture.X86, SeccompArchitecture.X32],
        Architecture.Arm64 => [SeccompArchitecture.Arm64, SeccompArchitecture.Arm],
        _ => throw new PlatformNotSupportedException($"no seccomp profile for {hostArchitecture} hosts"),
    };

    private static OciSyscallRule Deny(IReadOnlyList<string> names) =>
        new() { Names = names, Action = SeccompAction.Errno, ErrnoRet = ArgumentRules.Eperm };
}
