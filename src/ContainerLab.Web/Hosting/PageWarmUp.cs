using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ContainerLab.Web.Hosting;

/// <summary>
/// Once the web listens, it asks itself for the pages a student's first minute goes through (the home page with its
/// antiforgery form, /lab without a session, blazor.web.js), so that the first student does not wait for the JIT of
/// routing, Razor rendering, antiforgery and static files: bench/start measured the home page of a web just started at
/// 2.1 s and the /lab HTML at 0.9 s after the session's POST, against 0.5 s and 10 ms once warm. The circuit and the
/// terminal hub cannot be warmed this way (no .NET SignalR client in the package mirror).
/// </summary>
public sealed partial class PageWarmUp(IServer server, IHostApplicationLifetime lifetime, ILogger<PageWarmUp> logger) : BackgroundService
{
    private static readonly string[] Paths = ["/", "/lab", "/_framework/blazor.web.js"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
            await started.Task;
        if (LocalAddress() is not { } address)
            return;
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        try
        {
            foreach (string path in Paths)
                using (await client.GetAsync(path, stoppingToken)) { }
            WarmedUp(logger, address, (long)clock.Elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException e)
        {
            WarmUpFailed(logger, address, e.Message);
        }
    }

    /// <summary>The first plain-HTTP address the server listens on, as a client on this machine reaches it.</summary>
    private Uri? LocalAddress()
    {
        foreach (string listening in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (!listening.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                continue;
            var builder = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            builder.Host = builder.Host switch
            {
                "0.0.0.0" => "127.0.0.1",
                "[::]" => "[::1]",
                var host => host,
            };
            return builder.Uri;
        }
        return null;
    }

    [LoggerMessage(401, LogLevel.Information, "Pages warmed up through {Address} ({Milliseconds} ms)")]
    private static partial void WarmedUp(ILogger logger, Uri address, long milliseconds);

    [LoggerMessage(402, LogLevel.Warning, "Could not warm the pages up through {Address}: {Error}")]
    private static partial void WarmUpFailed(ILogger logger, Uri address, string error);
}
