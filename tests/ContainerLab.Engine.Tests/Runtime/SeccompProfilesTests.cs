using System.Runtime.InteropServices;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Runtime.Seccomp;
using ContainerLab.Engine.Sandboxes;
using static ContainerLab.Engine.Tests.Runtime.SeccompEvaluator;

namespace ContainerLab.Engine.Tests.Runtime;

public sealed class SeccompProfilesTests
{
    public static TheoryData<string> AlwaysDenied => new(
        "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "kexec_load", "kexec_file_load", "init_module",
        "finit_module", "delete_module", "iopl", "ioperm", "swapon", "swapoff", "reboot", "settimeofday",
        "clock_settime", "clock_adjtime", "adjtimex", "stime", "open_by_handle_at", "name_to_handle_at", "userfaultfd",
        "io_uring_setup", "io_uring_enter", "io_uring_register", "acct", "lookup_dcookie", "quotactl", "nfsservctl",
        "syslog", "uselib", "vm86", "vm86old", "create_module", "get_kernel_syms", "query_module");

    public static TheoryData<string> DeniedInDefaultOnly => new(
        "unshare", "setns", "mount", "umount2", "pivot_root",
        "fsopen", "fsconfig", "fsmount", "fspick", "open_tree", "move_mount", "mount_setattr");

    private const ulong CloneNewUser = 0x10000000, CloneNewNs = 0x00020000, CloneNewNet = 0x40000000, CloneNewCgroup = 0x02000000;
    private const ulong ForkFlags = 0x01200011; // CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, as glibc's fork
    private const ulong ThreadFlags = 0x003D0F00; // pthread_create's CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | ...

    private static OciSeccomp Profile(PrivilegeProfile profile) => SeccompProfiles.For(profile, Architecture.X64);

    [Theory]
    [MemberData(nameof(AlwaysDenied))]
    public void Dangerous_syscalls_fail_with_eperm_in_both_profiles(string syscall)
    {
        Assert.Equal((SeccompAction.Errno, 1u), Evaluate(Profile(PrivilegeProfile.Default), syscall));
        Assert.Equal((SeccompAction.Errno, 1u), Evaluate(Profile(PrivilegeProfile.Internals), syscall));
    }

    [Theory]
    [MemberData(nameof(DeniedInDefaultOnly))]
    public void Namespace_and_mount_syscalls_are_denied_in_default_and_allowed_in_internals(string syscall)
    {
        Assert.Equal((SeccompAction.Errno, 1u), Evaluate(Profile(PrivilegeProfile.Default), syscall));
        Assert.Equal(SeccompAction.Allow, Evaluate(Profile(PrivilegeProfile.Internals), syscall).Action);
    }

    [Fact]
    public void Default_action_is_allow_without_an_errno()
    {
        var profile = Profile(PrivilegeProfile.Default);

        Assert.Equal(SeccompAction.Allow, profile.DefaultAction);
        Assert.Null(profile.DefaultErrnoRet);
        Assert.Equal(SeccompAction.Allow, Evaluate(profile, "read").Action);
        Assert.Equal(SeccompAction.Allow, Evaluate(profile, "chroot").Action);
    }

    [Theory]
    [InlineData(38ul, true)]  // AF_ALG
    [InlineData(40ul, true)]  // AF_VSOCK
    [InlineData(1ul, false)]  // AF_UNIX
    [InlineData(2ul, false)]  // AF_INET
    [InlineData(10ul, false)] // AF_INET6
    [InlineData(16ul, false)] // AF_NETLINK
    [InlineData(17ul, false)] // AF_PACKET
    public void Socket_families_alg_and_vsock_are_denied_in_both_profiles(ulong family, bool denied)
    {
        Assert.Equal(denied, IsDenied(Profile(PrivilegeProfile.Default), "socket", family, 1, 0));
        Assert.Equal(denied, IsDenied(Profile(PrivilegeProfile.Internals), "socket", family, 1, 0));
    }

    [Theory]
    [InlineData(ForkFlags, false)]
    [InlineData(ThreadFlags, false)]
    [InlineData(ForkFlags | CloneNewUser, true)]
    [InlineData(ForkFlags | CloneNewNs, true)]
    [InlineData(ForkFlags | CloneNewNet, true)]
    [InlineData(ForkFlags | CloneNewCgroup, true)]
    [InlineData(0x7E020000ul | ForkFlags, true)]
    public void Default_denies_clone_with_any_namespace_flag(ulong flags, bool denied)
    {
        Assert.Equal(denied, IsDenied(Profile(PrivilegeProfile.Default), "clone", flags));
        Assert.False(IsDenied(Profile(PrivilegeProfile.Internals), "clone", flags));
    }

    [Fact]
    public void Every_clone_namespace_flag_has_its_own_rule_matching_docker_mask()
    {
        var rules = Profile(PrivilegeProfile.Default).Syscalls.Where(r => r.Names.Contains("clone")).ToList();

        Assert.Equal(7, rules.Count);
        Assert.Equal(0x7E020000UL, rules.Select(r => Assert.Single(r.Args!).Value).Aggregate((a, b) => a | b));
        Assert.All(rules, r => Assert.Equal(SeccompOperator.MaskedEqual, r.Args![0].Op));
    }

    [Fact]
    public void Default_makes_clone3_return_enosys_so_libc_falls_back_to_clone()
    {
        Assert.Equal((SeccompAction.Errno, 38u), Evaluate(Profile(PrivilegeProfile.Default), "clone3"));
        Assert.Equal(SeccompAction.Allow, Evaluate(Profile(PrivilegeProfile.Internals), "clone3").Action);
    }

    [Theory]
    [InlineData(0x0ul, false)]
    [InlineData(0x8ul, false)]
    [InlineData(0x20000ul, false)]
    [InlineData(0x20008ul, false)]
    [InlineData(0xfffffffful, false)]
    [InlineData(0x1_0000_0008ul, false)] // the kernel takes an unsigned int: this is PER_LINUX32
    [InlineData(0x0040000ul, true)]      // ADDR_NO_RANDOMIZE
    [InlineData(0x0400000ul, true)]      // READ_IMPLIES_EXEC
    [InlineData(0x0100000ul, true)]      // MMAP_PAGE_ZERO
    [InlineData(0x0040008ul, true)]
    [InlineData(0x1ul, true)]
    [InlineData(0x80000000ul, true)]
    [InlineData(0xfffffffeul, true)]
    [InlineData(0x7ffffffful, true)]
    [InlineData(0xbffffffful, true)]
    public void Personality_allows_only_dockers_values(ulong persona, bool denied)
    {
        Assert.Equal(denied, IsDenied(Profile(PrivilegeProfile.Default), "personality", persona));
        Assert.Equal(denied, IsDenied(Profile(PrivilegeProfile.Internals), "personality", persona));
    }

    [Fact]
    public void Personality_rules_deny_every_32_bit_value_outside_the_allowed_set()
    {
        // Exhaustive over single bits and all-but-one bits, plus a sweep; the cover is 60 rules.
        var profile = Profile(PrivilegeProfile.Default);
        var allowed = ArgumentRules.AllowedPersonalities.ToHashSet();
        var samples = Enumerable.Range(0, 32).SelectMany(b => new[] { 1UL << b, 0xffffffffUL & ~(1UL << b), (1UL << b) | 0x20008 })
            .Concat(Enumerable.Range(0, 5000).Select(i => (ulong)i * 858_993UL & 0xffffffffUL))
            .Concat(allowed);

        foreach (var persona in samples)
            Assert.True(allowed.Contains(persona) != IsDenied(profile, "personality", persona), $"personality 0x{persona:x}");
    }

    [Fact]
    public void No_rule_compares_the_same_argument_twice()
    {
        // runc and crun would silently split such a rule into OR-ed single comparisons.
        foreach (var rule in Profile(PrivilegeProfile.Default).Syscalls.Concat(Profile(PrivilegeProfile.Internals).Syscalls))
        {
            var indexes = (rule.Args ?? []).Select(a => a.Index).ToList();
            Assert.Equal(indexes.Distinct().Count(), indexes.Count);
        }
    }

    [Fact]
    public void Every_errno_rule_says_which_errno()
    {
        Assert.All(Profile(PrivilegeProfile.Default).Syscalls, r => Assert.NotNull(r.ErrnoRet));
    }

    [Fact]
    public void Architectures_are_the_host_abi_and_its_compat_abis()
    {
        Assert.Equal([SeccompArchitecture.X64, SeccompArchitecture.X86, SeccompArchitecture.X32], SeccompProfiles.ArchitecturesFor(Architecture.X64));
        Assert.Equal([SeccompArchitecture.Arm64, SeccompArchitecture.Arm], SeccompProfiles.ArchitecturesFor(Architecture.Arm64));
        Assert.Throws<PlatformNotSupportedException>(() => SeccompProfiles.ArchitecturesFor(Architecture.Wasm));
    }
}
