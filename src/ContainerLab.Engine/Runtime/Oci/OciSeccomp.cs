using System.Text.Json.Serialization;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// "linux.seccomp" of config.json. The runtime compiles it with libseccomp into a BPF filter that it
/// loads right before execve (with noNewPrivileges), so it binds the container's processes only.
/// </summary>
public sealed record OciSeccomp
{
    public required SeccompAction DefaultAction { get; init; }

    /// <summary>errno for an ERRNO default action; must be absent when the default is ALLOW (crun refuses it).</summary>
    public uint? DefaultErrnoRet { get; init; }

    public IReadOnlyList<SeccompArchitecture> Architectures { get; init; } = [];
    public IReadOnlyList<OciSyscallRule> Syscalls { get; init; } = [];
}

/// <summary>
/// One rule: the action for the named syscalls when every argument comparison holds (AND).
/// Several rules for the same syscall and action are alternatives (OR). Never repeat an argument
/// index in one rule: runc and crun then silently split the comparisons into OR-ed rules.
/// </summary>
public sealed record OciSyscallRule
{
    public required IReadOnlyList<string> Names { get; init; }
    public required SeccompAction Action { get; init; }
    public uint? ErrnoRet { get; init; }
    public IReadOnlyList<OciSyscallArgument>? Args { get; init; }
}

/// <summary>
/// A comparison of argument <see cref="Index"/> (0-5). For <see cref="SeccompOperator.MaskedEqual"/>
/// <see cref="Value"/> is the mask and <see cref="ValueTwo"/> the expected result of arg &amp; mask
/// (libseccomp's datum_a and datum_b).
/// </summary>
public sealed record OciSyscallArgument
{
    public required uint Index { get; init; }
    public required ulong Value { get; init; }
    public ulong? ValueTwo { get; init; }
    public required SeccompOperator Op { get; init; }
}

public enum SeccompAction
{
    [JsonStringEnumMemberName("SCMP_ACT_ALLOW")] Allow,
    [JsonStringEnumMemberName("SCMP_ACT_ERRNO")] Errno,
    [JsonStringEnumMemberName("SCMP_ACT_KILL_PROCESS")] KillProcess,
    [JsonStringEnumMemberName("SCMP_ACT_LOG")] Log,
}

public enum SeccompOperator
{
    [JsonStringEnumMemberName("SCMP_CMP_NE")] NotEqual,
    [JsonStringEnumMemberName("SCMP_CMP_LT")] LessThan,
    [JsonStringEnumMemberName("SCMP_CMP_LE")] LessOrEqual,
    [JsonStringEnumMemberName("SCMP_CMP_EQ")] Equal,
    [JsonStringEnumMemberName("SCMP_CMP_GE")] GreaterOrEqual,
    [JsonStringEnumMemberName("SCMP_CMP_GT")] GreaterThan,
    [JsonStringEnumMemberName("SCMP_CMP_MASKED_EQ")] MaskedEqual,
}

public enum SeccompArchitecture
{
    [JsonStringEnumMemberName("SCMP_ARCH_X86_64")] X64,
    [JsonStringEnumMemberName("SCMP_ARCH_X86")] X86,
    [JsonStringEnumMemberName("SCMP_ARCH_X32")] X32,
    [JsonStringEnumMemberName("SCMP_ARCH_AARCH64")] Arm64,
    [JsonStringEnumMemberName("SCMP_ARCH_ARM")] Arm,
}
