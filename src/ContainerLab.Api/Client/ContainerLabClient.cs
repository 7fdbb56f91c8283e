using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Api.Client;

/// <summary>
/// The typed client of containerlabd's API over its unix socket. clabctl and the web use it; it is the
/// only way anything reaches sandboxes, so a second sandbox host is a second daemon behind another socket.
/// </summary>
public sealed class ContainerLabClient : IDisposable
{
    public const string DefaultSocketPath = "/run/containerlab/containerlabd.sock";
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _http;

    public ContainerLabClient(string socketPath)
    {
        SocketPath = socketPath;
        _handler = UnixSocketHandler.Create(socketPath);
        _http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = new Uri("http://containerlabd/") };
    }

    public string SocketPath { get; }

    /// <summary>--socket if given, else CONTAINERLAB_SOCKET, else the default path.</summary>
    public static string ResolveSocketPath(string? flag) =>
        flag ?? Environment.GetEnvironmentVariable("CONTAINERLAB_SOCKET") ?? DefaultSocketPath;

    public Task<HostInfoDto> GetInfoAsync(CancellationToken ct = default) => GetAsync("v1/info", ApiJsonContext.Default.HostInfoDto, ct);
    public Task<DoctorDto> GetDoctorAsync(CancellationToken ct = default) => GetAsync("v1/doctor", ApiJsonContext.Default.DoctorDto, ct);

    public Task<IReadOnlyList<ImageDto>> ListImagesAsync(CancellationToken ct = default) =>
        GetAsync("v1/images", ApiJsonContext.Default.IReadOnlyListImageDto, ct);

    public async Task<ImageDto> ImportImageAsync(Stream archive, string name, string? format = null, CancellationToken ct = default)
    {
        using var content = new StreamContent(archive);
        content.Headers.ContentType = new("application/x-tar");
        string query = $"v1/images/import?name={Uri.EscapeDataString(name)}" + (format is null ? "" : $"&format={Uri.EscapeDataString(format)}");
        using var response = await _http.PostAsync(query, content, ct).ConfigureAwait(false);
        return await ReadAsync(response, ApiJsonContext.Default.ImageDto, ct).ConfigureAwait(false);
    }

    /// <param name="force">Untag even while sandboxes use the image (they keep its layers until they are removed).</param>
    public Task RemoveImageAsync(string name, bool force = false, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"v1/images/{Escape(name)}?force={(force ? "true" : "false")}", ct);

    public Task<IReadOnlyList<SandboxDto>> ListSandboxesAsync(CancellationToken ct = default) =>
        GetAsync("v1/sandboxes", ApiJsonContext.Default.IReadOnlyListSandboxDto, ct);

    public async Task<SandboxDto> CreateSandboxAsync(CreateSandboxRequest request, bool start = true, CancellationToken ct = default) =>
        (await CreateSandboxTracedAsync(request, start, ct).ConfigureAwait(false)).Value;

    /// <summary><see cref="CreateSandboxAsync"/> with how long it took, in the client and inside the daemon.</summary>
    public Task<Traced<SandboxDto>> CreateSandboxTracedAsync(CreateSandboxRequest request, bool start = true, CancellationToken ct = default) =>
        TracedAsync(() => _http.PostAsJsonAsync($"v1/sandboxes?start={(start ? "true" : "false")}", request,
            ApiJsonContext.Default.CreateSandboxRequest, ct), ApiJsonContext.Default.SandboxDto, ct);

    public Task<SandboxDto> GetSandboxAsync(string id, CancellationToken ct = default) =>
        GetAsync($"v1/sandboxes/{Escape(id)}", ApiJsonContext.Default.SandboxDto, ct);

    public Task<InspectionDto> InspectAsync(string id, CancellationToken ct = default) =>
        GetAsync($"v1/sandboxes/{Escape(id)}/inspection", ApiJsonContext.Default.InspectionDto, ct);

    /// <summary>The session network the sandbox is on, read from the kernel (409 when it is on none).</summary>
    public Task<NetworkInspectionDto> InspectNetworkAsync(string id, CancellationToken ct = default) =>
        GetAsync($"v1/sandboxes/{Escape(id)}/network", ApiJsonContext.Default.NetworkInspectionDto, ct);

    /// <summary>The OCI config.json the runtime was given for the sandbox, as the JSON text stored in its bundle.</summary>
    public async Task<string> GetRuntimeConfigAsync(string id, CancellationToken ct = default)
    {
        using var response = await _http.GetAsync($"v1/sandboxes/{Escape(id)}/config", ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }
    /// <summary>One directory of one layer: 0 is the image's bottom layer, the number of image layers the writable layer.</summary>
    public Task<LayerDirectoryDto> ListLayerFilesAsync(string id, int layer, string path = "/", CancellationToken ct = default) =>
        GetAsync($"v1/sandboxes/{Escape(id)}/layers/{layer.ToString(System.Globalization.CultureInfo.InvariantCulture)}/files?path={Uri.EscapeDataString(path)}",
            ApiJsonContext.Default.LayerDirectoryDto, ct);

    public Task<SandboxDto> StartSandboxAsync(string id, CancellationToken ct = default) =>
        PostAsync($"v1/sandboxes/{Escape(id)}/start", ApiJsonContext.Default.SandboxDto, ct);

    public Task<SandboxDto> StopSandboxAsync(string id, double graceSeconds = 0, CancellationToken ct = default) =>
        PostAsync($"v1/sandboxes/{Escape(id)}/stop?grace={graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            ApiJsonContext.Default.SandboxDto, ct);

    /// <summary>Changes the memory, pids and CPU limits of a running sandbox; null fields are left as they are.</summary>
    public async Task<SandboxDto> UpdateLimitsAsync(string id, UpdateLimitsRequest request, CancellationToken ct = default) =>
        (await UpdateLimitsTracedAsync(id, request, ct).ConfigureAwait(false)).Value;

    /// <summary><see cref="UpdateLimitsAsync"/> with how long it took, in the client and inside the daemon.</summary>
    public Task<Traced<SandboxDto>> UpdateLimitsTracedAsync(string id, UpdateLimitsRequest request, CancellationToken ct = default) =>
        TracedAsync(() => _http.PatchAsJsonAsync($"v1/sandboxes/{Escape(id)}/limits", request,
            ApiJsonContext.Default.UpdateLimitsRequest, ct), ApiJsonContext.Default.SandboxDto, ct);

    public Task RemoveSandboxAsync(string id, bool force = false, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"v1/sandboxes/{Escape(id)}?force={(force ? "true" : "false")}", ct);

    public async Task<ProcessDto> ExecAsync(string id, ExecRequest request, CancellationToken ct = default)
    {
        using var response = await _http.PostAsJsonAsync($"v1/sandboxes/{Escape(id)}/processes", request,
            ApiJsonContext.Default.ExecRequest, ct).ConfigureAwait(false);
        return await ReadAsync(response, ApiJsonContext.Default.ProcessDto, ct).ConfigureAwait(false);
    }

    /// <summary>Sends a signal (HUP, INT, KILL, TERM) to an exec'd process of the sandbox.</summary>
    public Task SignalAsync(string id, string process, string signal = "KILL", CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"v1/sandboxes/{Escape(id)}/processes/{Escape(process)}/signal?signal={Uri.EscapeDataString(signal)}", ct);

    public async Task ResizeAsync(string id, string process, TerminalSizeDto size, CancellationToken ct = default)
    {
        using var response = await _http.PostAsJsonAsync($"v1/sandboxes/{Escape(id)}/processes/{Escape(process)}/resize", size,
            ApiJsonContext.Default.TerminalSizeDto, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
    }

    public Task<ExitDto> WaitAsync(string id, string process, CancellationToken ct = default) =>
        PostAsync($"v1/sandboxes/{Escape(id)}/processes/{Escape(process)}/wait", ApiJsonContext.Default.ExitDto, ct);

    /// <summary>
    /// Opens the attach WebSocket of a process ("init" or an exec id). With <paramref name="windowBytes"/> the daemon
    /// sends at most that much output ahead of <see cref="ProcessAttachment.AcknowledgeAsync"/>.
    /// </summary>
    public async Task<ProcessAttachment> AttachAsync(string id, string process, bool replay = true, long? windowBytes = null, CancellationToken ct = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        string window = windowBytes is long size ? $"&window={size}" : "";
        var uri = new Uri($"ws://containerlabd/v1/sandboxes/{Escape(id)}/processes/{Escape(process)}/attach?replay={(replay ? "true" : "false")}{window}");
        try
        {
            await socket.ConnectAsync(uri, new HttpMessageInvoker(_handler, disposeHandler: false), ct).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            socket.Dispose();
            // The upgrade was refused: ask again over plain HTTP to get the problem details.
            await SendAsync(HttpMethod.Get, uri.PathAndQuery.TrimStart('/'), ct).ConfigureAwait(false);
            throw new ContainerLabApiException(0, "attach failed", e.Message);
        }
        return new ProcessAttachment(socket);
    }

    /// <summary>
    /// The sandbox's change stream (GET /v1/sandboxes/{id}/events): a usage event at once, then one per change, until
    /// the sandbox is removed ("ended", then the sequence ends) or <paramref name="ct"/> fires. A line longer than
    /// <see cref="MaxEventBytes"/> ends the stream with an error instead of growing without bound.
    /// </summary>
    public async IAsyncEnumerable<SandboxEventDto> WatchAsync(string id, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/sandboxes/{Escape(id)}/events");
        // Headers only: the body is read as it comes. HttpClient.Timeout covers no more than the headers then.
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8);
        while (await ReadLineAsync(reader, ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
                continue;
            yield return JsonSerializer.Deserialize(line, ApiJsonContext.Default.SandboxEventDto)
                ?? throw new ContainerLabApiException(0, "bad event", "the daemon sent a null event");
        }
    }

    public const int MaxEventBytes = 1 << 20;

    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken ct)
    {
        var line = new System.Text.StringBuilder();
        var one = new char[1];
        while (await reader.ReadAsync(one.AsMemory(), ct).ConfigureAwait(false) == 1)
        {
            if (one[0] == '\n')
                return line.ToString();
            if (line.Length >= MaxEventBytes)
                throw new ContainerLabApiException(0, "bad event", $"an event line is longer than {MaxEventBytes} characters");
            line.Append(one[0]);
        }
        return line.Length == 0 ? null : line.ToString();
    }

    /// <summary>Sends, and times the round trip until the answer is in (the daemon's Server-Timing says what it spent inside).</summary>
    private static async Task<Traced<T>> TracedAsync<T>(Func<Task<HttpResponseMessage>> send, JsonTypeInfo<T> type, CancellationToken ct)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await send().ConfigureAwait(false);
        double roundTrip = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var value = await ReadAsync(response, type, ct).ConfigureAwait(false);
        var metrics = response.Headers.TryGetValues("Server-Timing", out var values) ? DaemonTiming.Parse(values) : [];
        return new Traced<T>(value, new DaemonTiming(roundTrip, metrics));
    }

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct).ConfigureAwait(false);
        return await ReadAsync(response, type, ct).ConfigureAwait(false);
    }

    private async Task<T> PostAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var response = await _http.PostAsync(path, content: null, ct).ConfigureAwait(false);
        return await ReadAsync(response, type, ct).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken ct)
    {
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(type, ct).ConfigureAwait(false)
            ?? throw new ContainerLabApiException((int)response.StatusCode, "empty response", "the daemon sent no body");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return;
        string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        string title = response.ReasonPhrase ?? "error", detail = body;
        try
        {
            var problem = JsonSerializer.Deserialize(body, ApiJsonContext.Default.ProblemDto);
            title = problem?.Title ?? title;
            detail = problem?.Detail ?? detail;
        }
        catch (JsonException) { } // not problem+json (a proxy's page, say): the body itself is the detail
        throw new ContainerLabApiException((int)response.StatusCode, title, detail.Length == 0 ? title : detail);
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }
}
