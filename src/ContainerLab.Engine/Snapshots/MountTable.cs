using System.Globalization;
using System.Text;

namespace ContainerLab.Engine.Snapshots;

/// <summary>Reads /proc/self/mountinfo: which mount points exist, to unmount exactly ours after a crash and to count leaks.</summary>
public static class MountTable
{
    public sealed record Entry(int Id, int ParentId, string MountPoint, string FilesystemType, string Source);

    public static IReadOnlyList<Entry> Read(string path = "/proc/self/mountinfo") =>
        File.ReadLines(path).Select(Parse).ToList();

    /// <summary>Mount points at or below <paramref name="directory"/>, deepest (most recently stacked) first.</summary>
    public static IReadOnlyList<string> MountsUnder(string directory, string mountinfoPath = "/proc/self/mountinfo")
    {
        string prefix = directory.TrimEnd('/') + "/";
        return Read(mountinfoPath)
            .Where(e => e.MountPoint == directory.TrimEnd('/') || e.MountPoint.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(e => e.MountPoint.Count(c => c == '/'))
            .ThenByDescending(e => e.Id)
            .Select(e => e.MountPoint)
            .ToList();
    }

    // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue" (proc(5))
    internal static Entry Parse(string line)
    {
        string[] fields = line.Split(' ');
        int separator = Array.IndexOf(fields, "-", 6);
        return new Entry(
            int.Parse(fields[0], CultureInfo.InvariantCulture),
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            Unescape(fields[4]),
            separator > 0 && separator + 1 < fields.Length ? fields[separator + 1] : "",
            separator > 0 && separator + 2 < fields.Length ? Unescape(fields[separator + 2]) : "");
    }

    /// <summary>The kernel escapes space, tab, newline and backslash in mountinfo as \ooo octal.</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var builder = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && field.AsSpan(i + 1, 3).IndexOfAnyExcept("01234567") < 0)
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }
        return builder.ToString();
    }
}
