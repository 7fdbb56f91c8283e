namespace ContainerLab.Web.Components.Workspaces;

/// <summary>
/// The student's time zone, as their browser reports it (Intl's IANA name and the current UTC offset). Times the
/// student reads are shown in it, never in the server's zone: a class server in UTC serves students anywhere.
/// </summary>
public static class BrowserTimeZone
{
    /// <summary>
    /// The zone named <paramref name="ianaName"/> when this server's tz database knows it (so daylight saving changes
    /// are right), else a fixed zone at <paramref name="offsetMinutes"/> east of UTC (what the browser says now).
    /// </summary>
    public static TimeZoneInfo From(string? ianaName, int offsetMinutes)
    {
        if (!string.IsNullOrWhiteSpace(ianaName))
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(ianaName);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // An unknown or broken name from the browser: fall back to its offset.
            }
        }
        var offset = TimeSpan.FromMinutes(Math.Clamp(offsetMinutes, -14 * 60, 14 * 60));
        string name = $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset:hh\\:mm}";
        return TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
    }
}
