using System.Runtime.InteropServices;
using System.Text.Json;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Tests.Runtime;

public sealed class OciJsonTests
{
    private static JsonElement SerializeToElement(PrivilegeProfile profile = PrivilegeProfile.Default, bool tty = false)
    {
        var spec = SandboxFixtures.Spec(profile) with { Tty = tty, TerminalSize = tty ? new TerminalSize(80, 24) : null };
        var json = OciJson.Serialize(OciSpecBuilder.Build(spec, SandboxFixtures.Layout(), Architecture.X64));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Top_level_keys_are_the_spec_names()
    {
        var root = SerializeToElement();

        Assert.Equal(["ociVersion", "root", "process", "hostname", "mounts", "linux"], Keys(root));
        Assert.Equal("1.0.2", root.GetProperty("ociVersion").GetString());
        Assert.Equal(["path", "readonly"], Keys(root.GetProperty("root")));
    }

    [Fact]
    public void Process_keys_are_the_spec_names()
    {
        var process = SerializeToElement(tty: true).GetProperty("process");

        Assert.Equal(
            ["terminal", "consoleSize", "user", "args", "env", "cwd", "capabilities", "rlimits", "noNewPrivileges"],
            Keys(process));
        Assert.Equal(["height", "width"], Keys(process.GetProperty("consoleSize")));
        Assert.Equal(["uid", "gid", "additionalGids"], Keys(process.GetProperty("user")));
        Assert.Equal(["bounding", "effective", "inheritable", "permitted", "ambient"], Keys(process.GetProperty("capabilities")));
        Assert.Equal(["type", "hard", "soft"], Keys(process.GetProperty("rlimits")[0]));
        Assert.True(process.GetProperty("noNewPrivileges").GetBoolean());
    }

    [Fact]
    public void Linux_keys_are_the_spec_names_with_containerID_and_hostID()
    {
        var linux = SerializeToElement().GetProperty("linux");

        Assert.Equal(
            ["namespaces", "uidMappings", "gidMappings", "cgroupsPath", "resources", "seccomp", "maskedPaths", "readonlyPaths"],
            Keys(linux));
        Assert.Equal(["containerID", "hostID", "size"], Keys(linux.GetProperty("uidMappings")[0]));
        Assert.Equal(200_000u, linux.GetProperty("gidMappings")[0].GetProperty("hostID").GetUInt32());
        Assert.Equal("pid", linux.GetProperty("namespaces")[0].GetProperty("type").GetString());
        Assert.Equal(["type"], Keys(linux.GetProperty("namespaces")[0]));
        Assert.StartsWith("/", linux.GetProperty("cgroupsPath").GetString(), StringComparison.Ordinal);

        var resources = linux.GetProperty("resources");
        Assert.Equal(["devices", "memory", "cpu", "pids"], Keys(resources));
        Assert.Equal(["limit", "swap"], Keys(resources.GetProperty("memory")));
        Assert.Equal(["quota", "period"], Keys(resources.GetProperty("cpu")));
        Assert.Equal(["limit"], Keys(resources.GetProperty("pids")));
        Assert.Equal(["allow", "access"], Keys(resources.GetProperty("devices")[0]));
        Assert.Equal(["allow", "type", "major", "minor", "access"], Keys(resources.GetProperty("devices")[1]));
    }

    [Fact]
    public void Seccomp_uses_the_scmp_names()
    {
        var seccomp = SerializeToElement().GetProperty("linux").GetProperty("seccomp");

        Assert.Equal(["defaultAction", "architectures", "syscalls"], Keys(seccomp));
        Assert.Equal("SCMP_ACT_ALLOW", seccomp.GetProperty("defaultAction").GetString());
        Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
            seccomp.GetProperty("architectures").EnumerateArray().Select(a => a.GetString()));
        var rules = seccomp.GetProperty("syscalls").EnumerateArray().ToList();
        Assert.Equal(["names", "action", "errnoRet"], Keys(rules[0]));
        Assert.Equal("SCMP_ACT_ERRNO", rules[0].GetProperty("action").GetString());
        var clone = rules.First(r => r.GetProperty("names")[0].GetString() == "clone");
        Assert.Equal(["names", "action", "errnoRet", "args"], Keys(clone));
        var arg = clone.GetProperty("args")[0];
        Assert.Equal(["index", "value", "valueTwo", "op"], Keys(arg));
        Assert.Equal("SCMP_CMP_MASKED_EQ", arg.GetProperty("op").GetString());
        var socket = rules.First(r => r.GetProperty("names")[0].GetString() == "socket");
        Assert.Equal(["index", "value", "op"], Keys(socket.GetProperty("args")[0]));
        Assert.Equal("SCMP_CMP_EQ", socket.GetProperty("args")[0].GetProperty("op").GetString());
    }

    [Fact]
    public void Mounts_have_destination_type_source_options()
    {
        var mount = SerializeToElement().GetProperty("mounts")[0];

        Assert.Equal(["destination", "type", "source", "options"], Keys(mount));
    }

    [Theory]
    [InlineData(PrivilegeProfile.Default)]
    [InlineData(PrivilegeProfile.Internals)]
    public void Nulls_are_omitted_everywhere(PrivilegeProfile profile)
    {
        AssertNoNulls(SerializeToElement(profile), "$");
    }

    [Fact]
    public void Without_a_terminal_there_is_no_console_size()
    {
        Assert.False(SerializeToElement().GetProperty("process").TryGetProperty("consoleSize", out _));
    }

    [Fact]
    public void A_spec_round_trips()
    {
        var built = OciSpecBuilder.Build(SandboxFixtures.Spec(), SandboxFixtures.Layout(), Architecture.X64);
        var json = OciJson.Serialize(built);

        var read = OciJson.DeserializeSpec(json);

        Assert.Equal(json, OciJson.Serialize(read));
        Assert.Equal(built.Linux.Seccomp!.Syscalls.Count, read.Linux.Seccomp!.Syscalls.Count);
        Assert.Equal(built.Linux.UidMappings![0], read.Linux.UidMappings![0]);
    }

    [Fact]
    public void A_process_json_has_the_process_keys_only()
    {
        var exec = OciProcessBuilder.ForExec(SandboxFixtures.Spec(), SandboxFixtures.Layout(), ["/bin/ls"], false, "/", new Dictionary<string, string>());

        var element = JsonDocument.Parse(OciJson.Serialize(exec)).RootElement;

        Assert.Equal(["terminal", "user", "args", "env", "cwd", "capabilities", "rlimits", "noNewPrivileges"], Keys(element));
        Assert.Equal(exec.Env, OciJson.DeserializeProcess(OciJson.Serialize(exec)).Env);
    }

    [Fact]
    public void A_spec_missing_required_parts_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => OciJson.DeserializeSpec("""{"ociVersion":"1.0.2"}"""));
        Assert.ThrowsAny<JsonException>(() => OciJson.DeserializeSpec("null"));
    }

    private static void AssertNoNulls(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.Fail($"null at {path}");
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    AssertNoNulls(property.Value, $"{path}.{property.Name}");
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    AssertNoNulls(item, $"{path}[{i++}]");
                break;
        }
    }
}
