using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Limits;

/// <summary>
/// The <see cref="EffectiveLimits"/> of this server. The daemon's bounds are read from GET /v1/info when the web starts
/// (<see cref="EffectiveLimitsWarmup"/>) and again at most once per <see cref="Freshness"/> when asked (they change
/// only when the daemon restarts with other options). Each setting the daemon's bounds lower is logged once. While
/// the daemon cannot be reached, the web's own settings alone apply (and nothing is cached).
/// </summary>
public sealed partial class EffectiveLimitsCache(ISandboxHost host, IOptions<Sessions.WebOptions> options, TimeProvider time,
    ILogger<EffectiveLimitsCache> logger)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private EffectiveLimits? _limits;
    private DateTimeOffset _readAt;
    private LimitBoundsDto? _warnedFor;
    private bool _unreachableLogged;

    public async Task<EffectiveLimits> GetAsync(CancellationToken cancellationToken)
    {
        if (_limits is { } fresh && time.GetUtcNow() - _readAt < Freshness)
            return fresh;
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_limits is { } readMeanwhile && time.GetUtcNow() - _readAt < Freshness)
                return readMeanwhile;
            LimitBoundsDto? bounds;
            try
            {
                bounds = await host.GetLimitBoundsAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or ContainerLabApiException)
            {
                if (!_unreachableLogged)
                    LogUnreachable(logger, e.Message); // once until the daemon answers again, not on every page
                _unreachableLogged = true;
                return _limits ?? EffectiveLimits.Combine(options.Value, null, out _);
            }
            _unreachableLogged = false;
            var limits = EffectiveLimits.Combine(options.Value, bounds, out var lowered);
            if (bounds != _warnedFor)
            {
                foreach (var setting in lowered)
                    LogLowered(logger, setting.ToString());
                _warnedFor = bounds;
            }
            (_limits, _readAt) = (limits, time.GetUtcNow());
            return limits;
        }
        finally
        {
            _reading.Release();
        }
    }

    [LoggerMessage(301, LogLevel.Warning, "{Setting}")]
    private static partial void LogLowered(ILogger logger, string setting);

    [LoggerMessage(302, LogLevel.Warning, "Could not read the daemon's limits (GET /v1/info), using the web's own ceilings: {Error}")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
