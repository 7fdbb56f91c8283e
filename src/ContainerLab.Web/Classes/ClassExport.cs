using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContainerLab.Web.Classes;

/// <summary>
/// A class's progress as one row per student per step (state, first pass time, attempts), as CSV or JSON. Display names
/// are the students' own words: in the CSV a cell that a spreadsheet would run as a formula (starting with = + - @, a
/// tab or a carriage return) is written with a leading apostrophe, as OWASP advises, so "=HYPERLINK(...)" stays text.
/// </summary>
public static class ClassExport
{
    public sealed record Row(string Class, string Student, string Lab, string Step, string State, DateTimeOffset? FirstPassedAt, int Attempts);

    public static IEnumerable<Row> Rows(ClassProgress progress) =>
        from member in progress.Roster
        from step in progress.Steps
        let cell = progress.Cell(member.AccountId, step)
        select new Row(progress.Classroom.Name, member.DisplayName, step.Lab, step.Step, StateName(cell.State),
            cell.PassedAtUnixMs is { } passed ? DateTimeOffset.FromUnixTimeMilliseconds(passed) : null, cell.Attempts);

    public static string StateName(StepState state) => state switch
    {
        StepState.Passed => "passed",
        StepState.Working => "working",
        _ => "not started",
    };

    public static string Csv(ClassProgress progress)
    {
        var csv = new StringBuilder("class,student,lab,step,state,first_passed_at,attempts\r\n");
        foreach (var row in Rows(progress))
        {
            csv.AppendJoin(',', [Field(row.Class), Field(row.Student), Field(row.Lab), Field(row.Step), Field(row.State),
                row.FirstPassedAt?.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? "", row.Attempts.ToString(CultureInfo.InvariantCulture)]);
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    public static string Json(ClassProgress progress) => JsonSerializer.Serialize(
        Rows(progress).Select(r => new
        {
            @class = r.Class, student = r.Student, lab = r.Lab, step = r.Step, state = r.State,
            firstPassedAt = r.FirstPassedAt, attempts = r.Attempts,
        }), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>One CSV field (RFC 4180 quoting), neutralised against formula injection.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
