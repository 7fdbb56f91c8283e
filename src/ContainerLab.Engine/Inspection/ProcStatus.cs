using System.Globalization;

namespace ContainerLab.Engine.Inspection;

/// <summary>
/// The lines of /proc/PID/status the inspector needs. The kernel renders every id in the reader's namespaces
/// (fs/proc/array.c: task_state uses the opener's pid namespace and user namespace), so read from the host they
/// are host pids and host uids.
/// </summary>
/// <param name="Name">comm: the executable's name, at most 15 characters; the only name a kernel thread has.</param>
/// <param name="NamespacePids">NSpid: the pid in each pid namespace from the reader's down to the process's own.</param>
/// <param name="RealUid">the first field of Uid: (real, effective, saved, filesystem).</param>
internal sealed record ProcStatus(string Name, int ParentPid, long RealUid, IReadOnlyList<int> NamespacePids)
{
    internal static ProcStatus Parse(string text, string path)
    {
        string? name = null, parentPid = null, uid = null, nspid = null;
        foreach (var line in text.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            string value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "Name": name = value; break;
                case "PPid": parentPid = value; break;
                case "Uid": uid = value; break;
                case "NSpid": nspid = value; break;
            }
        }
        if (name is null || parentPid is null || uid is null)
            throw new FormatException($"{path}: no Name, PPid or Uid line");
        // NSpid exists since Linux 4.1; without it the only pid known is the one in the directory name.
        int[] pids = nspid is null ? [] : Fields(nspid).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new ProcStatus(name, int.Parse(parentPid, CultureInfo.InvariantCulture), long.Parse(Fields(uid)[0], CultureInfo.InvariantCulture), pids);
    }

    private static string[] Fields(string value) => value.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
}
