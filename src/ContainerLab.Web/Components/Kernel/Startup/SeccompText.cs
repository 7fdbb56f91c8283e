using System.Text.Json;
using static ContainerLab.Web.Components.Kernel.JsonValues;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>The words for config.json's "linux.seccomp": the filter the runtime loads into the kernel right before pid 1 runs.</summary>
public static class SeccompText
{
    private const int NamesShown = 4;

    /// <summary>The filter as a whole: its default action and how many system calls its rules name.</summary>
    public static string? Summary(JsonElement seccomp)
    {
        if (Str(Prop(seccomp, "defaultAction")) is not { } defaultAction)
            return null;
        var rules = Items(Prop(seccomp, "syscalls"));
        string kind = defaultAction == "SCMP_ACT_ALLOW" ? "a deny-list" : "an allow-list";
        return $"a seccomp filter the kernel runs on every system call; a call no rule names: {Action(defaultAction, Long(Prop(seccomp, "defaultErrnoRet")))} "
            + $"({kind}); {KernelText.Number(DistinctNames(rules))} system calls are named in {KernelText.Number(rules.Count)} rules";
    }

    public static string? RulesSummary(JsonElement syscalls) => syscalls.ValueKind == JsonValueKind.Array
        ? $"{KernelText.Number(Items(syscalls).Count)} rules naming {KernelText.Number(DistinctNames(Items(syscalls)))} different system calls; a rule with args applies only when every comparison holds"
        : null;

    /// <summary>"keyctl, add_key, request_key, bpf and 37 more: fail with EPERM".</summary>
    public static string? Rule(JsonElement rule)
    {
        var names = Strings(Prop(rule, "names"));
        if (names.Count == 0 || Str(Prop(rule, "action")) is not { } action)
            return null;
        string named = names.Count <= NamesShown
            ? string.Join(", ", names)
            : $"{string.Join(", ", names.Take(NamesShown))} and {KernelText.Number(names.Count - NamesShown)} more";
        var conditions = Items(Prop(rule, "args")).Select(Condition).OfType<string>().ToList();
        return $"{named}: {Action(action, Long(Prop(rule, "errnoRet")))}" + (conditions.Count == 0 ? "" : $" when {string.Join(" and ", conditions)}");
    }

    /// <summary>What the kernel does for a call with this action (libseccomp's SCMP_ACT_ names).</summary>
    public static string Action(string action, long? errno) => action switch
    {
        "SCMP_ACT_ALLOW" => "allowed",
        "SCMP_ACT_ERRNO" => $"fails with {Errno(errno ?? 1)}",
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => "the calling thread is killed",
        "SCMP_ACT_KILL_PROCESS" => "the process is killed",
        "SCMP_ACT_TRAP" => "the process gets SIGSYS",
        "SCMP_ACT_LOG" => "allowed, and logged",
        "SCMP_ACT_TRACE" => "a tracer is notified",
        "SCMP_ACT_NOTIFY" => "a supervising process decides",
        _ => action,
    };

    private static string Errno(long errno) => errno switch
    {
        1 => "EPERM (operation not permitted)",
        13 => "EACCES (permission denied)",
        22 => "EINVAL (invalid argument)",
        38 => "ENOSYS (not implemented)",
        _ => $"errno {KernelText.Number(errno)}",
    };

    private static string? Condition(JsonElement arg)
    {
        if (Long(Prop(arg, "index")) is not long index || Prop(arg, "value") is not { ValueKind: JsonValueKind.Number } value || Str(Prop(arg, "op")) is not { } op)
            return null;
        string a = $"argument {KernelText.Number(index)}", v = value.GetRawText();
        return op switch
        {
            "SCMP_CMP_EQ" => $"{a} == {v}",
            "SCMP_CMP_NE" => $"{a} != {v}",
            "SCMP_CMP_LT" => $"{a} < {v}",
            "SCMP_CMP_LE" => $"{a} <= {v}",
            "SCMP_CMP_GT" => $"{a} > {v}",
            "SCMP_CMP_GE" => $"{a} >= {v}",
            "SCMP_CMP_MASKED_EQ" => $"{a} & {Hex(value)} == {(Prop(arg, "valueTwo") is { ValueKind: JsonValueKind.Number } two ? Hex(two) : "0")}",
            _ => $"{a} {op} {v}",
        };
    }

    /// <summary>Masks read better in hex (flag bits); ulong because arguments are unsigned 64-bit.</summary>
    private static string Hex(JsonElement number) => number.TryGetUInt64(out ulong n) ? $"0x{n:x}" : number.GetRawText();

    private static int DistinctNames(IReadOnlyList<JsonElement> rules) =>
        rules.SelectMany(r => Strings(Prop(r, "names"))).Distinct(StringComparer.Ordinal).Count();
}
