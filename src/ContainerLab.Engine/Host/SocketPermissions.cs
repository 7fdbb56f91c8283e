namespace ContainerLab.Engine.Host;

/// <summary>Makes the daemon's API socket reachable by root and one group only (mode 0660), like docker.sock.</summary>
public static class SocketPermissions
{
    /// <returns>False when <paramref name="group"/> does not exist (the socket stays root-only).</returns>
    public static bool Apply(string socketPath, string group)
    {
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        uint? gid = FindGroup(group);
        if (gid is null)
        {
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return false;
        }
        Interop.Check(() => Interop.Libc.Chown(socketPath, 0, gid.Value), "chown", socketPath);
        return true;
    }

    /// <summary>The gid of a group in /etc/group ("name:x:gid:members").</summary>
    public static uint? FindGroup(string group, string groupFile = "/etc/group")
    {
        if (!File.Exists(groupFile))
            return null;
        foreach (string line in File.ReadLines(groupFile))
        {
            string[] fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == group && uint.TryParse(fields[2], out uint gid))
                return gid;
        }
        return null;
    }
}
