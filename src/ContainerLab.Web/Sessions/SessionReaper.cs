namespace ContainerLab.Web.Sessions;

/// <summary>Ends sessions that were idle too long or reached their maximum age, removing their sandboxes.</summary>
public sealed partial class SessionReaper(SessionRegistry sessions, TimeProvider time, ILogger<SessionReaper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

    [LoggerMessage(102, LogLevel.Information, "Ending session {Network}: {Reason} limit reached")]
    private static partial void LogEnding(ILogger logger, string network, string reason);
}
