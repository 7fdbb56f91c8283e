using System.Net;
using System.Text.Json;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>GET /v1/sandboxes/{id}/config returns the config.json crun or runc was given, through the real daemon.</summary>
public sealed class RuntimeConfigTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const long MiB = 1024 * 1024;

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task The_config_has_the_namespaces_limits_and_id_mapping_the_sandbox_was_created_with()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Limits = new LimitsDto { MemoryBytes = 80 * MiB, Pids = 55, Cpus = 0.5 },
        });
        try
        {
            string json = await client.GetRuntimeConfigAsync(sandbox.Id);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(fixture.Daemon.StateDirectory, "sandboxes", sandbox.Id, "config.json")), json);

            using var config = JsonDocument.Parse(json);
            var linux = config.RootElement.GetProperty("linux");
            Assert.Equal(["cgroup", "ipc", "mount", "network", "pid", "user", "uts"],
                linux.GetProperty("namespaces").EnumerateArray().Select(n => n.GetProperty("type").GetString()).Order());
            Assert.Equal(80 * MiB, linux.GetProperty("resources").GetProperty("memory").GetProperty("limit").GetInt64());
            Assert.Equal(55, linux.GetProperty("resources").GetProperty("pids").GetProperty("limit").GetInt64());
            Assert.Equal(50_000, linux.GetProperty("resources").GetProperty("cpu").GetProperty("quota").GetInt64());
            Assert.Equal(sandbox.CgroupPath, linux.GetProperty("cgroupsPath").GetString());
            long rangeStart = long.Parse(sandbox.IdRange.Split('-')[0]);
            foreach (string mappings in new[] { "uidMappings", "gidMappings" })
            {
                var mapping = Assert.Single(linux.GetProperty(mappings).EnumerateArray());
                Assert.Equal(0, mapping.GetProperty("containerID").GetInt64());
                Assert.Equal(rangeStart, mapping.GetProperty("hostID").GetInt64());
                Assert.Equal(65536, mapping.GetProperty("size").GetInt64());
            }

            // What the runtime was given, not what is in force: a live update changes the cgroup, not config.json.
            await client.UpdateLimitsAsync(sandbox.Id, new UpdateLimitsRequest { MemoryBytes = 96 * MiB });
            Assert.Equal(json, await client.GetRuntimeConfigAsync(sandbox.Id));
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task An_absurdly_large_config_is_refused_with_its_size_not_sent()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            // Only root on the host can write there; the runtime has read the file already.
            string path = Path.Combine(fixture.Daemon.StateDirectory, "sandboxes", sandbox.Id, "config.json");
            await File.WriteAllTextAsync(path, "{" + new string(' ', 2 * 1024 * 1024) + "}");

            var error = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.GetRuntimeConfigAsync(sandbox.Id));
            Assert.Equal(500, error.Status);
            Assert.Contains("2097154 bytes, more than the 1048576", error.Detail);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root and a running containerlabd")]
    public async Task The_config_is_served_as_json_and_unknown_or_invalid_ids_are_problems()
    {
        using var client = fixture.Daemon.Client();
        var missing = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.GetRuntimeConfigAsync("does-not-exist"));
        Assert.Equal(404, missing.Status);
        Assert.Contains("does-not-exist", missing.Detail);

        using var http = new HttpClient(UnixSocketHandler.Create(fixture.Daemon.SocketPath)) { BaseAddress = new Uri("http://containerlabd/") };
        using var invalid = await http.GetAsync("v1/sandboxes/..%2Fetc/config");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);

        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            using var response = await http.GetAsync($"v1/sandboxes/{sandbox.Name}/config");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("1.0.2", config.RootElement.GetProperty("ociVersion").GetString());
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
        var removed = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.GetRuntimeConfigAsync(sandbox.Id));
        Assert.Equal(404, removed.Status);
    }
}
