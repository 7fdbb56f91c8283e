using System.Globalization;

namespace ContainerLab.Engine.Inspection;

/// <summary>
/// /proc/PID/uid_map: lines "inside-start outside-start length". The kernel (kernel/user_namespace.c uid_m_show)
/// renders outside-start in the reader's user namespace, so read from the host it maps the process's own user
/// namespace straight onto host uids, however deeply it is nested.
/// </summary>
internal static class ProcUidMap
{
    /// <summary>The kernel's overflowuid: what an unmapped uid reads as inside a user namespace (/proc/sys/kernel/overflowuid).</summary>
    internal const long OverflowUid = 65534;

    /// <summary>The uid inside the namespace for <paramref name="hostUid"/>: the line whose outside range holds it; overflowuid if none does.</summary>
    internal static long ToInside(string mapText, long hostUid)
    {
        foreach (var line in mapText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3
                || !long.TryParse(fields[0], CultureInfo.InvariantCulture, out long insideStart)
                || !long.TryParse(fields[1], CultureInfo.InvariantCulture, out long outsideStart)
                || !long.TryParse(fields[2], CultureInfo.InvariantCulture, out long length))
                continue;
            if (hostUid >= outsideStart && hostUid - outsideStart < length)
                return hostUid - outsideStart + insideStart;
        }
        return OverflowUid;
    }
}
