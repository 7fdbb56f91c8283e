using System.Text.Json;

namespace ContainerLab.Web.Progress;

/// <summary>An event's detail in words, for the instructor: each check's verdict and message, or the answers chosen.</summary>
public static class ProgressDetail
{
    public static string Describe(ProgressEvent e)
    {
        try
        {
            switch (e.Kind)
            {
                case ProgressEventKind.Check when e.Detail is { } detail:
                    using (var checks = JsonDocument.Parse(detail))
                        return (e.Passed ? "checks passed" : "checks failed") + ": " + string.Join("; ", checks.RootElement.EnumerateArray().Select(c =>
                            $"{(c.GetProperty("passed").GetBoolean() ? "passed" : "failed")}: {c.GetProperty("message").GetString()}"));
                case ProgressEventKind.Quiz when e.Detail is { } detail:
                    using (var quiz = JsonDocument.Parse(detail))
                        return $"answered {string.Join(", ", quiz.RootElement.GetProperty("chosen").EnumerateArray().Select(a => $"#{a.GetInt32() + 1}"))}, {(e.Passed ? "right" : "wrong")}";
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // An event written by another version of the web: say what is certain.
        }
        return e.Kind switch
        {
            ProgressEventKind.Check => e.Passed ? "checks passed" : "checks failed",
            ProgressEventKind.Quiz => e.Passed ? "answered right" : "answered wrong",
            _ => "passed",
        };
    }
}
