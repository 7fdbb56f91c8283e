namespace ContainerLab.Cli.Formatting;

/// <summary>Left-aligned columns separated by two spaces, like `docker ps`.</summary>
internal static class Table
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        int[] widths = [.. headers.Select((_, i) => all.Max(r => i < r.Count ? r[i].Length : 0))];
        foreach (var row in all)
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }
}
