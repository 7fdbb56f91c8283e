using System.Globalization;
using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A web tier whose own clock is in UTC (TZ pinned, so the test means the same on every machine).</summary>
public sealed class UtcServerLab() : LabFixture(new Dictionary<string, string> { ["TZ"] = "UTC" });

public sealed partial class SessionBannerTests(UtcServerLab lab) : IClassFixture<UtcServerLab>
{
    /// <summary>
    /// A student in Auckland (UTC+12/+13) on a server in UTC reads the deadline on their own clock: the session
    /// ends 30 minutes (the default idle timeout) after their last action, in their time zone.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_deadline_is_shown_in_the_browsers_time_zone()
    {
        const string zone = "Pacific/Auckland";
        var page = await lab.NewStudentAsync(timezoneId: zone);
        var before = DateTimeOffset.UtcNow;
        await page.StartAsync();
        await page.WaitForFunctionAsync("() => /Session ends at \\d\\d:\\d\\d/.test(document.querySelector('.limits-banner').innerText)");
        var after = DateTimeOffset.UtcNow;
        string banner = await page.InnerTextAsync(".limits-banner");

        var shown = TimeOnly.ParseExact(EndsAt().Match(banner).Groups[1].Value, "HH:mm", CultureInfo.InvariantCulture);
        var auckland = TimeZoneInfo.FindSystemTimeZoneById(zone);
        // The deadline is the last activity + 30 min, somewhere between the start and now (whole minutes shown).
        var earliest = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(before.AddMinutes(30).AddMinutes(-1), auckland).DateTime);
        var latest = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(after.AddMinutes(30).AddMinutes(1), auckland).DateTime);
        Assert.True(shown.IsBetween(earliest, latest),
            $"the banner says '{banner}'; in {zone} the session ends between {earliest:HH:mm} and {latest:HH:mm} " +
            $"(the server's UTC would be {before.AddMinutes(30):HH:mm})");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"Session ends at (\d\d:\d\d)")]
    private static partial Regex EndsAt();
}
