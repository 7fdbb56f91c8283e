using System.Text.Json;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>
/// The JSON kind of each part of config.json the annotations read (runtime-spec config.md and config-linux.md), by
/// path with [*] for any index. A document where one of them has another kind is not one the annotations can explain,
/// and is shown as plain text. Parts not listed here (extensions, "annotations", sysctls...) may be anything.
/// </summary>
public static class ConfigShape
{
    private const JsonValueKind Bool = JsonValueKind.True; // stands for true or false

    private static readonly Dictionary<string, JsonValueKind> Kinds = Build(
        (JsonValueKind.String, ["ociVersion", "root.path", "process.args[*]", "process.env[*]", "process.cwd", "hostname",
            "process.capabilities.bounding[*]", "process.capabilities.effective[*]", "process.capabilities.permitted[*]",
            "process.capabilities.inheritable[*]", "process.capabilities.ambient[*]", "process.rlimits[*].type",
            "mounts[*].destination", "mounts[*].type", "mounts[*].source", "mounts[*].options[*]",
            "linux.namespaces[*].type", "linux.namespaces[*].path", "linux.cgroupsPath", "linux.resources.devices[*].type",
            "linux.resources.devices[*].access", "linux.seccomp.defaultAction", "linux.seccomp.architectures[*]",
            "linux.seccomp.syscalls[*].names[*]", "linux.seccomp.syscalls[*].action", "linux.seccomp.syscalls[*].args[*].op",
            "linux.maskedPaths[*]", "linux.readonlyPaths[*]"]),
        (JsonValueKind.Number, ["process.consoleSize.width", "process.consoleSize.height", "process.user.uid", "process.user.gid",
            "process.user.additionalGids[*]", "process.rlimits[*].hard", "process.rlimits[*].soft",
            "linux.uidMappings[*].containerID", "linux.uidMappings[*].hostID", "linux.uidMappings[*].size",
            "linux.gidMappings[*].containerID", "linux.gidMappings[*].hostID", "linux.gidMappings[*].size",
            "linux.resources.devices[*].major", "linux.resources.devices[*].minor", "linux.resources.memory.limit",
            "linux.resources.memory.swap", "linux.resources.cpu.quota", "linux.resources.cpu.period", "linux.resources.pids.limit",
            "linux.seccomp.defaultErrnoRet", "linux.seccomp.syscalls[*].errnoRet", "linux.seccomp.syscalls[*].args[*].index",
            "linux.seccomp.syscalls[*].args[*].value", "linux.seccomp.syscalls[*].args[*].valueTwo"]),
        (Bool, ["root.readonly", "process.terminal", "process.noNewPrivileges", "linux.resources.devices[*].allow"]),
        (JsonValueKind.Object, ["root", "process", "process.consoleSize", "process.user", "process.capabilities", "process.rlimits[*]",
            "mounts[*]", "linux", "linux.namespaces[*]", "linux.uidMappings[*]", "linux.gidMappings[*]", "linux.resources",
            "linux.resources.devices[*]", "linux.resources.memory", "linux.resources.cpu", "linux.resources.pids", "linux.seccomp",
            "linux.seccomp.syscalls[*]", "linux.seccomp.syscalls[*].args[*]"]),
        (JsonValueKind.Array, ["process.args", "process.env", "process.user.additionalGids", "process.capabilities.bounding",
            "process.capabilities.effective", "process.capabilities.permitted", "process.capabilities.inheritable",
            "process.capabilities.ambient", "process.rlimits", "mounts", "mounts[*].options", "linux.namespaces", "linux.uidMappings",
            "linux.gidMappings", "linux.resources.devices", "linux.seccomp.architectures", "linux.seccomp.syscalls",
            "linux.seccomp.syscalls[*].names", "linux.seccomp.syscalls[*].args", "linux.maskedPaths", "linux.readonlyPaths"]));

    /// <summary>"linux.namespaces[0] is a string, not an object" for the first part of the wrong kind, or null.</summary>
    public static string? Mismatch(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object ? Walk(root, "", "") : $"the document is {Name(root.ValueKind)}, not an object";

    private static string? Walk(JsonElement value, string path, string pattern)
    {
        if (Kinds.TryGetValue(pattern, out var expected) && !Matches(value.ValueKind, expected))
            return $"{path} is {Name(value.ValueKind)}, not {Name(expected)}";
        return value.ValueKind switch
        {
            JsonValueKind.Object => value.EnumerateObject()
                .Select(p => Walk(p.Value, Join(path, p.Name), Join(pattern, p.Name))).FirstOrDefault(m => m is not null),
            JsonValueKind.Array => value.EnumerateArray()
                .Select((item, i) => Walk(item, $"{path}[{i}]", $"{pattern}[*]")).FirstOrDefault(m => m is not null),
            _ => null,
        };
    }

    /// <summary>The path of a member, the way the listing and the annotations name it.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool Matches(JsonValueKind actual, JsonValueKind expected) =>
        expected == Bool ? actual is JsonValueKind.True or JsonValueKind.False : actual == expected;

    private static string Name(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    private static Dictionary<string, JsonValueKind> Build(params (JsonValueKind Kind, string[] Patterns)[] groups) =>
        groups.SelectMany(g => g.Patterns.Select(p => (p, g.Kind))).ToDictionary(x => x.p, x => x.Kind, StringComparer.Ordinal);
}
