using ContainerLab.Engine.Runtime.Oci;

namespace ContainerLab.Engine.Tests.Runtime;

/// <summary>
/// What a profile does to one call, evaluated the way libseccomp compiles it: a rule applies when every
/// comparison holds; rules are alternatives; no rule means the default action.
/// </summary>
internal static class SeccompEvaluator
{
    public static (SeccompAction Action, uint? Errno) Evaluate(OciSeccomp profile, string syscall, params ulong[] args)
    {
        foreach (var rule in profile.Syscalls)
        {
            if (rule.Names.Contains(syscall) && (rule.Args ?? []).All(a => Holds(a, args.ElementAtOrDefault((int)a.Index))))
                return (rule.Action, rule.ErrnoRet);
        }
        return (profile.DefaultAction, profile.DefaultErrnoRet);
    }

    public static bool IsDenied(OciSeccomp profile, string syscall, params ulong[] args) =>
        Evaluate(profile, syscall, args).Action != SeccompAction.Allow;

    private static bool Holds(OciSyscallArgument a, ulong arg) => a.Op switch
    {
        SeccompOperator.Equal => arg == a.Value,
        SeccompOperator.NotEqual => arg != a.Value,
        SeccompOperator.LessThan => arg < a.Value,
        SeccompOperator.LessOrEqual => arg <= a.Value,
        SeccompOperator.GreaterThan => arg > a.Value,
        SeccompOperator.GreaterOrEqual => arg >= a.Value,
        SeccompOperator.MaskedEqual => (arg & a.Value) == (a.ValueTwo ?? 0),
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };
}
