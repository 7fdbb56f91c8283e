namespace ContainerLab.Labs.Checks;

/// <summary>The end of what a script or a typed block printed, on one line: what a message shows of it.</summary>
public static class OutputTail
{
    private const int MaxChars = 600;

    public static string Of(string output, int lines = 3)
    {
        string tail = string.Join(" ", output.ReplaceLineEndings("\n").TrimEnd().Split('\n').TakeLast(lines).Select(l => l.Trim())).Trim();
        return tail.Length <= MaxChars ? tail : "..." + tail[^MaxChars..];
    }
}
