using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContainerLab.Bench.SandboxStart;

/// <summary>OCI bundles for the bare-runtime baselines: config.json next to a shared, pre-chowned rootfs.</summary>
internal static class Bundles
{
    /// <summary>The namespaces of a containerlab sandbox (OciSpecBuilder.NewNamespaces): every kind, new.</summary>
    private static readonly string[] s_namespaces = ["pid", "mount", "uts", "ipc", "network", "cgroup", "user"];

    /// <summary>`crun spec` in an empty directory: the runtime's own default config.json.</summary>
    public static JsonObject RuntimeDefault(string crun, string scratch)
    {
        Directory.CreateDirectory(scratch);
        var info = new ProcessStartInfo(crun, ["spec"]) { WorkingDirectory = scratch, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start crun spec");
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"crun spec failed: {process.StandardError.ReadToEnd()}");
        return JsonNode.Parse(File.ReadAllText(Path.Combine(scratch, "config.json")))!.AsObject();
    }

    /// <summary>
    /// The runtime's default spec made comparable with a sandbox: our rootfs, `sleep 3600`, no terminal, the same
    /// namespaces (user included, root mapped to <paramref name="hostId"/>), an absolute cgroupsPath of our own.
    /// </summary>
    public static JsonObject Comparable(JsonObject runtimeDefault, string rootfs, string cgroupsPath, uint hostId)
    {
        var spec = runtimeDefault.DeepClone().AsObject();
        spec["root"] = new JsonObject { ["path"] = rootfs, ["readonly"] = false };
        var process = spec["process"]!.AsObject();
        process["terminal"] = false;
        process["args"] = new JsonArray("sleep", "3600");
        spec["hostname"] = "bench";
        var linux = spec["linux"]!.AsObject();
        linux["namespaces"] = new JsonArray([.. s_namespaces.Select(t => (JsonNode)new JsonObject { ["type"] = t })]);
        linux["uidMappings"] = new JsonArray(Mapping(hostId));
        linux["gidMappings"] = new JsonArray(Mapping(hostId));
        linux["cgroupsPath"] = cgroupsPath;
        return spec;
    }

    /// <summary>
    /// containerlabd's own config.json of a sandbox (seccomp, masks, limits, bind-mounted hosts/hostname), moved
    /// onto the bare rootfs: root path, cgroupsPath, id mapping and the per-sandbox files are replaced by ours.
    /// </summary>
    public static JsonObject FromEngine(JsonObject engineConfig, string sandboxDirectory, string rootfs, string cgroupsPath, uint hostId,
        string bundle)
    {
        var spec = engineConfig.DeepClone().AsObject();
        spec["root"]!["path"] = rootfs;
        var linux = spec["linux"]!.AsObject();
        linux["cgroupsPath"] = cgroupsPath;
        foreach (string key in new[] { "uidMappings", "gidMappings" })
            foreach (var mapping in linux[key]!.AsArray())
                mapping!["hostID"] = hostId;
        Directory.CreateDirectory(bundle);
        foreach (var mount in spec["mounts"]!.AsArray())
        {
            string source = mount!["source"]?.GetValue<string>() ?? "";
            if (source.StartsWith(sandboxDirectory + "/", StringComparison.Ordinal))
            {
                string copy = Path.Combine(bundle, Path.GetFileName(source));
                File.Copy(source, copy, overwrite: true);
                mount["source"] = copy;
            }
        }
        return spec;
    }

    public static void Write(string bundle, JsonObject spec)
    {
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "config.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Mapping(uint hostId) => new() { ["containerID"] = 0, ["hostID"] = hostId, ["size"] = 65536 };
}
