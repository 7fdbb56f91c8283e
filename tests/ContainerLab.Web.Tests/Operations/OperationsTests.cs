using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ContainerLab.Web.Progress;
using ContainerLab.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Operations;

/// <summary>/healthz, /readyz and /metrics of the whole web, with no daemon behind it.</summary>
public sealed class OperationsTests : IAsyncLifetime
{
    private const string Token = "scrape-token-0123456789";
    private readonly TestWeb _web = new(settings: new Dictionary<string, string> { ["ContainerLab:MetricsToken"] = Token });

    public Task InitializeAsync() => _web.PrepareAsync();

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Alive_always_and_ready_only_when_the_database_and_the_daemon_answer()
    {
        var client = _web.Browser();
        var alive = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync());

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("daemon").GetProperty("status").GetString());
        Assert.StartsWith("containerlabd does not answer", checks.GetProperty("daemon").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_for_the_scrapers_token_and_absent_for_anyone_else()
    {
        var anonymous = _web.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics")).StatusCode);

        var progress = _web.Services.GetRequiredService<ProgressLog>();
        await progress.RecordCheckAsync("learner", "lab", "step", [new(false, "not yet")], CancellationToken.None);
        await progress.RecordCheckAsync("learner", "lab", "step", [new(true, "yes")], CancellationToken.None);
        await progress.RecordPassAsync("learner", "lab", "step", CancellationToken.None); // a pass is not a check

        var scraper = _web.Browser();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var metrics = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        string text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE containerlab_sessions gauge\ncontainerlab_sessions 0\n", text);
        Assert.Contains("# TYPE containerlab_nodes gauge\ncontainerlab_nodes 0\n", text);
        Assert.Contains("# TYPE containerlab_checks_total counter\ncontainerlab_checks_total{kind=\"check\"} 2\n", text);
        Assert.Contains("# TYPE containerlab_circuits gauge\n", text);
        // The readiness probe above (or this one) asked the daemon: its latency is a histogram.
        await scraper.GetAsync("/readyz");
        text = await (await scraper.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("# TYPE containerlab_daemon_request_duration_seconds histogram\n", text);
    }
}
