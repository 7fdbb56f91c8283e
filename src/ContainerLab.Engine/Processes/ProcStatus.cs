using System.Globalization;
using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Processes;

/// <summary>
/// The lines of /proc/PID/status the engine needs. The kernel renders every id in the reader's namespaces
/// (fs/proc/array.c: task_state uses the opener's pid namespace and user namespace), so read from the host they
/// are host pids and host uids.
/// </summary>
/// <param name="Name">comm: the executable's name, at most 15 characters; the only name a kernel thread has.</param>
/// <param name="State">the state letter: R, S, D, T, Z (zombie), X...</param>
/// <param name="Uids">Uid: real, effective, saved, filesystem.</param>
/// <param name="NamespacePids">NSpid: the pid in each pid namespace from the reader's down to the process's own.</param>
internal sealed record ProcStatus(string Name, char State, int ParentPid, IReadOnlyList<long> Uids, IReadOnlyList<int> NamespacePids)
{
    public long RealUid => Uids[0];

    public bool IsZombie => State is 'Z' or 'X';

    internal static ProcStatus Parse(string text, string path)
    {
        string? name = null, state = null, parentPid = null, uid = null, nspid = null;
        foreach (var line in text.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            string value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "Name": name = value; break;
                case "State": state = value; break;
                case "PPid": parentPid = value; break;
                case "Uid": uid = value; break;
                case "NSpid": nspid = value; break;
            }
        }
        if (name is null || state is not { Length: > 0 } || parentPid is null || uid is null)
            throw new FormatException($"{path}: no Name, State, PPid or Uid line");
        // NSpid exists since Linux 4.1; without it the only pid known is the one in the directory name.
        int[] pids = nspid is null ? [] : Fields(nspid).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new ProcStatus(name, state[0], int.Parse(parentPid, CultureInfo.InvariantCulture),
            Fields(uid).Select(u => long.Parse(u, CultureInfo.InvariantCulture)).ToArray(), pids);
    }

    /// <summary>/proc/PID/status of a live (or zombie) process; null when it is gone.</summary>
    internal static ProcStatus? Read(int pid)
    {
        string path = $"/proc/{pid}/status";
        return KernelFile.ReadOrNull(path) is { } text ? Parse(text, path) : null; // null: exited meanwhile
    }

    private static string[] Fields(string value) => value.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
}
