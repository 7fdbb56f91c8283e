namespace ContainerLab.Web.Limits;

/// <summary>Reads the daemon's limits once when the web starts, so that a setting above them is reported at once, not at the first student.</summary>
public sealed class EffectiveLimitsWarmup(EffectiveLimitsCache limits) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => limits.GetAsync(stoppingToken);
}
