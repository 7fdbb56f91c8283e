using ContainerLab.Web.Database;
using ContainerLab.Web.Sandboxes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContainerLab.Web.Operations;

/// <summary>Ready: the database answers a query (progress can be kept).</summary>
public sealed class DatabaseReady(IDbContextFactory<ClassroomDb> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("the database answers")
                : HealthCheckResult.Unhealthy("the database does not answer");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"the database does not answer: {e.GetBaseException().Message}");
        }
    }
}

/// <summary>Ready: the sandbox daemon answers on its socket (students can start sandboxes).</summary>
public sealed class DaemonReady(ISandboxHost host) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await host.GetLimitBoundsAsync(bounded.Token);
            return HealthCheckResult.Healthy("containerlabd answers");
        }
        catch (Exception e) when (SandboxHostFailure.Is(e) || e is OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e is OperationCanceledException ? "containerlabd did not answer within 3 s" : $"containerlabd does not answer: {e.GetBaseException().Message}");
        }
    }
}
