using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContainerLab.Web.Sessions;
using Microsoft.Extensions.Options;
using ContainerLab.Web.Accounts;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContainerLab.Web.Operations;

/// <summary>
/// What an admin's monitoring asks: /healthz (the process serves requests), /readyz (the database and the daemon
/// answer; 503 naming what does not), /metrics (Prometheus text). Metrics say how many students are on the server: they
/// are answered to a scraper that sends the configured token (<c>Authorization: Bearer</c>, setting MetricsToken) and
/// to a signed-in instructor, and 404 to anyone else. (Not "to localhost": behind a reverse proxy on the same machine
/// every request comes from localhost.)
/// </summary>
public static class OperationsEndpoints
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<WebMetrics>();
        services.AddSingleton<PrometheusText>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitCounter>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: ["ready"])
            .AddCheck<DaemonReady>("daemon", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder endpoints)
    {
        // Created with the app, so the meters count from the start, not from the first scrape.
        _ = endpoints.ServiceProvider.GetRequiredService<WebMetrics>();
        _ = endpoints.ServiceProvider.GetRequiredService<PrometheusText>();
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                }));
            },
        });
        endpoints.MapGet("/metrics", (HttpContext context, PrometheusText prometheus, IOptions<WebOptions> options) =>
            HasToken(context, options.Value.MetricsToken) || context.User.IsInRole(Roles.Instructor)
                ? Results.Text(prometheus.Write(), "text/plain; version=0.0.4; charset=utf-8")
                : Results.NotFound());
        return endpoints;
    }

    private static bool HasToken(HttpContext context, string token)
    {
        if (token.Length == 0 || context.Request.Headers.Authorization.ToString() is not { } header || !header.StartsWith("Bearer ", StringComparison.Ordinal))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(token));
    }
}
