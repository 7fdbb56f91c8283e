using ContainerLab.Engine.Runtime.Oci;

namespace ContainerLab.Engine.Runtime.Seccomp;

/// <summary>
/// Denials that depend on a syscall's arguments. The profile's default action is ALLOW, so each rule
/// here says when to refuse. libseccomp has no "not equal under a mask" and one rule cannot compare
/// the same argument twice (runc and crun then split it into OR-ed rules), so "deny unless the value is
/// one of these" is written as a union of MASKED_EQ rules that together cover exactly the other values.
/// </summary>
public static class ArgumentRules
{
    public const uint Eperm = 1;
    public const uint Enosys = 38;

    /// <summary>AF_ALG: the kernel crypto API as sockets, a frequent source of kernel bugs.</summary>
    public const ulong AfAlg = 38;

    /// <summary>AF_VSOCK: talks to the hypervisor and other VMs' vsock endpoints; not namespaced.</summary>
    public const ulong AfVsock = 40;

    /// <summary>
    /// CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
    /// CLONE_NEWNET: Docker's mask (2114060288). CLONE_NEWTIME (0x80) cannot be passed to clone: those
    /// bits are the exit signal there; it is only reachable through unshare and clone3.
    /// </summary>
    public const ulong CloneNamespaceFlags = 0x7E020000;

    /// <summary>
    /// personality(2) values Docker allows: PER_LINUX, PER_LINUX32, UNAME26, PER_LINUX32|UNAME26 and
    /// 0xffffffff (query only). Anything else can set ADDR_NO_RANDOMIZE (turns off ASLR for the
    /// process's children), READ_IMPLIES_EXEC or MMAP_PAGE_ZERO, which help exploit kernel and setuid bugs.
    /// </summary>
    public static IReadOnlyList<ulong> AllowedPersonalities { get; } = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff];

    /// <summary>socket(AF_ALG, ...) and socket(AF_VSOCK, ...) fail with EPERM.</summary>
    public static IEnumerable<OciSyscallRule> SocketFamilies() =>
        [DenyWhen("socket", Equal(0, AfAlg)), DenyWhen("socket", Equal(0, AfVsock))];

    /// <summary>
    /// clone fails with EPERM when any CLONE_NEW* flag is set (Docker allows clone when
    /// flags &amp; 0x7E020000 == 0; inverted here, one rule per flag since rules for one syscall are OR-ed).
    /// </summary>
    public static IEnumerable<OciSyscallRule> CloneNamespaces()
    {
        for (var bit = 0; bit < 64; bit++)
        {
            var flag = 1UL << bit;
            if ((CloneNamespaceFlags & flag) != 0)
                yield return DenyWhen("clone", MaskedEqual(0, mask: flag, value: flag));
        }
    }

    /// <summary>
    /// clone3 passes its flags in a struct in memory, which seccomp cannot read. ENOSYS makes glibc
    /// (2.34+) fall back to clone, whose flags the rules above can check; EPERM would just fail.
    /// </summary>
    public static OciSyscallRule Clone3NotImplemented() =>
        new() { Names = ["clone3"], Action = SeccompAction.Errno, ErrnoRet = Enosys };

    /// <summary>
    /// personality fails with EPERM unless its argument is one of <see cref="AllowedPersonalities"/>.
    /// The kernel takes an unsigned int, so only bits 0-31 matter. Covering the complement:
    /// bit 31 clear: refuse if any bit other than 3 (PER_LINUX32) and 17 (UNAME26) is set (29 rules);
    /// bit 31 set: refuse unless all of bits 0-30 are set, i.e. if any of them is clear (31 rules).
    /// </summary>
    public static IEnumerable<OciSyscallRule> Personality()
    {
        const ulong bit31 = 1UL << 31;
        const ulong allowedBitsBelow31 = 0x20008;
        for (var bit = 0; bit < 31; bit++)
        {
            var flag = 1UL << bit;
            if ((allowedBitsBelow31 & flag) == 0)
                yield return DenyWhen("personality", MaskedEqual(0, mask: bit31 | flag, value: flag));
        }
        for (var bit = 0; bit < 31; bit++)
        {
            var flag = 1UL << bit;
            yield return DenyWhen("personality", MaskedEqual(0, mask: bit31 | flag, value: bit31));
        }
    }

    private static OciSyscallRule DenyWhen(string name, OciSyscallArgument argument) =>
        new() { Names = [name], Action = SeccompAction.Errno, ErrnoRet = Eperm, Args = [argument] };

    private static OciSyscallArgument Equal(uint index, ulong value) =>
        new() { Index = index, Value = value, Op = SeccompOperator.Equal };

    private static OciSyscallArgument MaskedEqual(uint index, ulong mask, ulong value) =>
        new() { Index = index, Value = mask, ValueTwo = value, Op = SeccompOperator.MaskedEqual };
}
