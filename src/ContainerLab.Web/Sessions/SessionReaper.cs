namespace ContainerLab.Web.Sessions;

/// <summary>Ends sessions that were idle too long or reached their maximum age, removing their sandboxes.</summary>
public sealed partial class SessionReaper(SessionRegistry sessions, TimeProvider time, ILogger<SessionReaper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            int orphans = await sessions.RemoveOrphansAsync(stoppingToken);
            if (orphans > 0)
                LogOrphans(logger, orphans);
        }
        catch (Exception e) when (e is ContainerLab.Api.Client.ContainerLabApiException or HttpRequestException)
        {
            LogOrphansFailed(logger, e.Message); // the daemon may start later; sandboxes then wait for its restart
        }
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var session in sessions.Expired())
            {
                LogEnding(logger, session.Network, sessions.DeadlineOf(session).Reason);
                await sessions.EndAsync(session, stoppingToken);
            }
        }
    }

    [LoggerMessage(103, LogLevel.Information, "Removed {Count} sandbox(es) of sessions from before this web tier started")]
    private static partial void LogOrphans(ILogger logger, int count);

    [LoggerMessage(104, LogLevel.Warning, "Could not look for sandboxes of earlier sessions: {Error}")]
    private static partial void LogOrphansFailed(ILogger logger, string error);

    [LoggerMessage(102, LogLevel.Information, "Ending session {Network}: {Reason} limit reached")]
    private static partial void LogEnding(ILogger logger, string network, string reason);
}
