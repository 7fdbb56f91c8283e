using System.Globalization;
using System.Text;

namespace ContainerLab.Bench.ClassroomBench;

internal static class Report
{
    public static string Markdown(int students, int rounds, long beforeKib, long anonymousKib, long classBeforeKib, long classKib,
        Samples grid, Samples own, double cpuOpen, double cpuClosed)
    {
        var culture = CultureInfo.InvariantCulture;
        double perAnonymous = (anonymousKib - beforeKib) / 1024.0 / students;
        double perStudent = (classKib - classBeforeKib) / 1024.0 / students;
        var text = new StringBuilder();
        text.AppendLine(culture, $"| {students} students, {rounds * students} Checks with the class page open | p50 | p95 | max |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(culture, $"| Check -> the student's own result (baseline) | {own.Median:0} ms | {own.P95:0} ms | {own.Max:0} ms |");
        text.AppendLine(culture, $"| Check -> the instructor's grid cell | {grid.Median:0} ms | {grid.P95:0} ms | {grid.Max:0} ms |");
        text.AppendLine();
        text.AppendLine("| Web memory (RSS, settled; each on a fresh web) | per session | all |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(culture, $"| anonymous practice session (baseline) | {perAnonymous:0.0} MiB | {beforeKib / 1024} -> {anonymousKib / 1024} MiB |");
        text.AppendLine(culture, $"| class student on lab 1 (the instructor's page and sign-in included) | {perStudent:0.0} MiB ({perStudent / perAnonymous:0.00}x) | {classBeforeKib / 1024} -> {classKib / 1024} MiB |");
        text.AppendLine();
        text.AppendLine(culture, $"| Web CPU for {rounds * students} Checks | seconds | per Check |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(culture, $"| the instructor's page closed (baseline) | {cpuClosed:0.00} s | {1000 * cpuClosed / (rounds * students):0.0} ms |");
        text.AppendLine(culture, $"| the instructor's page open | {cpuOpen:0.00} s ({cpuOpen / cpuClosed:0.00}x) | {1000 * cpuOpen / (rounds * students):0.0} ms |");
        return text.ToString();
    }
}
