using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Cgroups;

/// <summary>Validates cgroup paths so that no request can reach outside the hierarchy or its own subtree.</summary>
internal static class CgroupPath
{
    public const string Root = "/";

    /// <summary>Throws unless <paramref name="path"/> is "/a/b" with no empty, "." or ".." segment.</summary>
    public static string Validate(string path, bool allowRoot)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == Root)
            return allowRoot ? path : throw new InvalidRequestException("the root cgroup belongs to the host and cannot be opened");
        if (!path.StartsWith('/'))
            throw new InvalidRequestException($"cgroup path must be absolute: '{path}'");
        foreach (string segment in path[1..].Split('/'))
        {
            if (segment.Length == 0)
                throw new InvalidRequestException($"cgroup path has an empty segment: '{path}'");
            if (segment is "." or "..")
                throw new InvalidRequestException($"cgroup path must not contain '.' or '..': '{path}'");
            // cgroup_mkdir refuses names with a newline (they would break /proc/PID/cgroup lines).
            if (segment.Contains('\0') || segment.Contains('\n'))
                throw new InvalidRequestException("cgroup path must not contain NUL or newline characters");
        }
        return path;
    }

    /// <summary>The directory of cgroup <paramref name="path"/> in the hierarchy mounted at <paramref name="mount"/>.</summary>
    public static string Under(string mount, string path) => path == Root ? mount : mount + path;
}
