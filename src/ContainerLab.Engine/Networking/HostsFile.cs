namespace ContainerLab.Engine.Networking;

/// <summary>
/// A sandbox's /etc/hosts holds the entries the engine manages (localhost, the session's members by name) and
/// whatever root inside wrote: it is the sandbox's own file, editable as in Docker. When the session changes, the
/// engine removes the entries it wrote that are no longer true, appends the new ones and leaves every other line
/// where it is (Docker's etchosts Add and Delete work the same way), so a student's lines survive a node joining,
/// and an entry the student deleted stays deleted until it changes.
/// </summary>
public static class HostsFile
{
    /// <summary>The file's new text: <paramref name="current"/> moved from the entries <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static string Update(string current, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        ArgumentNullException.ThrowIfNull(current);
        var gone = before.Except(after, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var lines = current.Split('\n').ToList();
        if (lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1); // the text after the last newline
        lines.RemoveAll(gone.Contains);
        lines.AddRange(after.Except(before, StringComparer.Ordinal).Where(entry => !lines.Contains(entry, StringComparer.Ordinal)));
        return lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
    }
}
