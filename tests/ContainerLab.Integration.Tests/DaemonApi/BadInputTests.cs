using System.Net;
using System.Text;
using System.Text.Json;
using ContainerLab.Api.Client;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>Hostile or broken requests get a clear 4xx problem+json and create nothing.</summary>
public sealed class BadInputTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly DaemonProcess _daemon = fixture.Daemon;
    private readonly HttpClient _http = new(UnixSocketHandler.Create(fixture.Daemon.SocketPath)) { BaseAddress = new Uri("http://containerlabd/") };

    public void Dispose() => _http.Dispose();

    public static TheoryData<string, string, string> BadCreations => new()
    {
        { "{\"image\": \"busybox\",", "malformed", "not valid" },
        { "[1, 2, 3]", "not an object", "not valid" },
        { "{\"command\": [\"sh\"]}", "image missing", "image" },
        { "{\"image\": \"no-such-image\"}", "unknown image", "no-such-image" },
        { "{\"image\": \"busybox\", \"memroy\": 5}", "unknown field", "memroy" },
        { "{\"image\": \"busybox\", \"limits\": {\"memoryBytes\": 1}}", "memory below range", "memory" },
        { "{\"image\": \"busybox\", \"limits\": {\"memoryBytes\": 999999999999999}}", "memory above range", "memory" },
        { "{\"image\": \"busybox\", \"limits\": {\"pids\": 0}}", "pids zero", "pids" },
        { "{\"image\": \"busybox\", \"limits\": {\"cpus\": 64}}", "cpus above range", "cpus" },
        { "{\"image\": \"busybox\", \"limits\": {\"diskBytes\": -1}}", "negative disk", "disk" },
        { "{\"image\": \"busybox\", \"name\": \"../etc\"}", "name with dots and slash", "name" },
        { "{\"image\": \"busybox\", \"name\": \"a/b\"}", "name with slash", "name" },
        { "{\"image\": \"busybox\", \"profile\": \"root\"}", "unknown profile", "profile" },
        { "{\"image\": \"busybox\", \"network\": \"host\"}", "unknown network", "network" },
        { "{\"image\": \"busybox\", \"network\": \"session\"}", "session network without session", "session" },
        { "{\"image\": \"busybox\", \"workingDirectory\": \"/proc/self/fd/3\"}", "workdir in /proc", "/proc" },
        { "{\"image\": \"busybox\", \"workingDirectory\": \"tmp\"}", "relative workdir", "absolute" },
        { "{\"image\": \"busybox\", \"environment\": {\"A=B\": \"x\"}}", "bad env name", "environment" },
        { "{\"image\": \"busybox\", \"command\": [\"sh\", \"a\\u0000b\"]}", "NUL in argv", "NUL" },
        { "{\"image\": \"busybox\", \"terminalSize\": {\"columns\": 0, \"rows\": 10}}", "zero columns", "terminal size" },
    };

    [RootTheory("root and a running containerlabd")]
    [MemberData(nameof(BadCreations))]
    public async Task A_bad_create_request_is_a_clear_400_and_creates_nothing(string body, string why, string mentioned)
    {
        var before = Snapshot();
        using var response = await _http.PostAsync("v1/sandboxes", new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{why}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Contains(mentioned, problem.RootElement.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Snapshot());
    }

    [RootTheory("root and a running containerlabd")]
    [InlineData("[\"no-such-command\"]", "/", "not found")]
    [InlineData("[\"/bin/sh\"]", "/etc/passwd", "working directory")]
    public async Task A_runtime_refusal_caused_by_the_request_is_a_400_and_nothing_stays(string command, string workdir, string mentioned)
    {
        var before = Snapshot();
        string body = $"{{\"image\": \"busybox\", \"command\": {command}, \"workingDirectory\": \"{workdir}\"}}";
        using var response = await _http.PostAsync("v1/sandboxes", new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains(mentioned, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Snapshot());
    }

    [RootFact("root and a running containerlabd")]
    public async Task An_oversize_body_is_refused_with_413()
    {
        string huge = "{\"image\": \"busybox\", \"command\": [\"" + new string('a', 200_000) + "\"]}";
        using var response = await _http.PostAsync("v1/sandboxes", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, Snapshot().Sandboxes);
    }

    [RootTheory("root and a running containerlabd")]
    [InlineData("v1/sandboxes/a%2Fb", HttpStatusCode.BadRequest)]
    [InlineData("v1/sandboxes/..%2F..%2Fetc", HttpStatusCode.BadRequest)]
    [InlineData("v1/sandboxes/UPPER", HttpStatusCode.BadRequest)]
    [InlineData("v1/sandboxes/does-not-exist", HttpStatusCode.NotFound)]
    [InlineData("v1/sandboxes/does-not-exist/processes/init/attach", HttpStatusCode.BadRequest)]
    public async Task Ids_that_are_not_dns_labels_are_refused_and_unknown_ones_are_404(string path, HttpStatusCode expected)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [RootFact("root and a running containerlabd")]
    public async Task A_hostile_image_archive_is_refused_and_nothing_is_stored()
    {
        var archive = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(archive, leaveOpen: true))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "../../etc/evil")
            {
                DataStream = new MemoryStream("x"u8.ToArray()),
            };
            writer.WriteEntry(entry);
        }
        archive.Position = 0;
        using var client = _daemon.Client();
        var images = (await client.ListImagesAsync()).Count;
        var error = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ImportImageAsync(archive, "evil", "rootfs"));
        Assert.Equal(400, error.Status);
        Assert.Contains("../../etc/evil", error.Detail);
        Assert.Equal(images, (await client.ListImagesAsync()).Count);
    }

    private (int Sandboxes, int Directories) Snapshot()
    {
        string dir = Path.Combine(_daemon.StateDirectory, "sandboxes");
        using var client = _daemon.Client();
        return (client.ListSandboxesAsync().GetAwaiter().GetResult().Count, Directory.Exists(dir) ? Directory.EnumerateDirectories(dir).Count() : 0);
    }
}
