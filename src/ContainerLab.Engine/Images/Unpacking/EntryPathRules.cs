using System.Text;

namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>
/// Which tar entry names and link targets a layer may contain. Names come out normalized: relative to the layer
/// root, no "." or empty components, "" for the root itself. Each rule throws with the entry and the rule.
/// </summary>
internal static class EntryPathRules
{
    // NAME_MAX on every Linux filesystem we unpack to (ext4, xfs, btrfs, tmpfs).
    private const int MaxComponentBytes = 255;

    /// <summary>Normalizes an entry name, refusing absolute names, ".." components and oversize paths.</summary>
    public static string NormalizeEntryName(string layer, string name, int maxPathLength)
    {
        CheckLength(layer, name, name, maxPathLength);
        if (name.Contains('\0'))
            throw ImportRefusal.Entry(layer, name, "contains a NUL byte");
        string relative = name;
        while (relative.StartsWith("./", StringComparison.Ordinal))
            relative = relative[2..];
        // Docker strips a leading '/' silently; we refuse it, because no tool we know writes one into a layer
        // and an archive that does is either broken or probing for a writer that honours it.
        if (relative.StartsWith('/'))
            throw ImportRefusal.Entry(layer, name, "is an absolute path");
        return JoinComponents(layer, name, relative.Split('/'));
    }

    /// <summary>
    /// A hard link's target is another entry of the same layer, named like an entry name (relative to the layer
    /// root, not to the link). It must not be absolute or climb out with "..".
    /// </summary>
    public static string NormalizeHardLinkTarget(string layer, string entryName, string target, int maxPathLength)
    {
        CheckLength(layer, entryName, target, maxPathLength);
        string relative = target;
        while (relative.StartsWith("./", StringComparison.Ordinal))
            relative = relative[2..];
        if (relative.StartsWith('/'))
            throw ImportRefusal.Entry(layer, entryName, $"is a hard link to the absolute path '{target}'");
        if (relative.Split('/').Contains(".."))
            throw ImportRefusal.Entry(layer, entryName, $"is a hard link to '{target}', which escapes the layer root");
        string normalized = string.Join('/', relative.Split('/').Where(c => c.Length > 0 && c != "."));
        if (normalized.Length == 0)
            throw ImportRefusal.Entry(layer, entryName, "is a hard link to the layer root");
        return normalized;
    }

    /// <summary>
    /// Symlink targets are stored, never followed while unpacking (every write below opens each component with
    /// O_NOFOLLOW), so a target only matters once the layer is a container's root:
    /// - An ABSOLUTE target (Debian's /usr/bin/awk -> /etc/alternatives/awk) resolves inside the container's own
    ///   root there, because the kernel resolves it against the process's root directory. On the host nothing
    ///   follows it: the daemon only ever hands layer paths to overlayfs. So absolute targets are allowed.
    /// - A RELATIVE target that climbs above the layer root from the link's directory has no meaning inside a
    ///   container (".." stops at "/") and exists only to reach the host from a tool that walks layer directories
    ///   on the host. No real image needs one, so it is refused.
    /// The check is lexical; a target passing through other symlinks is still confined at container run time by the
    /// container's root, and on the host by nothing following it.
    /// </summary>
    public static void CheckSymlinkTarget(string layer, string entryName, string normalizedEntry, string target, int maxPathLength)
    {
        CheckLength(layer, entryName, target, maxPathLength);
        if (target.Length == 0)
            throw ImportRefusal.Entry(layer, entryName, "is a symlink with an empty target");
        if (target.Contains('\0'))
            throw ImportRefusal.Entry(layer, entryName, "is a symlink whose target contains a NUL byte");
        if (target.StartsWith('/'))
            return;
        var stack = new List<string>(normalizedEntry.Split('/', StringSplitOptions.RemoveEmptyEntries));
        if (stack.Count > 0)
            stack.RemoveAt(stack.Count - 1); // resolve from the link's directory
        foreach (string component in target.Split('/'))
        {
            if (component.Length == 0 || component == ".")
                continue;
            if (component != "..")
                stack.Add(component);
            else if (stack.Count == 0)
                throw ImportRefusal.Entry(layer, entryName, $"is a symlink to '{target}', which escapes the layer root");
            else
                stack.RemoveAt(stack.Count - 1);
        }
    }

    private static string JoinComponents(string layer, string name, string[] components)
    {
        var kept = new List<string>(components.Length);
        foreach (string component in components)
        {
            if (component.Length == 0 || component == ".")
                continue;
            if (component == "..")
                throw ImportRefusal.Entry(layer, name, "escapes the layer root");
            if (Encoding.UTF8.GetByteCount(component) > MaxComponentBytes)
                throw ImportRefusal.Entry(layer, name, $"has a path component longer than {MaxComponentBytes} bytes");
            kept.Add(component);
        }
        return string.Join('/', kept);
    }

    private static void CheckLength(string layer, string entryName, string path, int maxPathLength)
    {
        if (Encoding.UTF8.GetByteCount(path) > maxPathLength)
            throw ImportRefusal.Entry(layer, Shorten(entryName), $"has a path longer than {maxPathLength} bytes (MaxPathLength)");
    }

    private static string Shorten(string name) => name.Length <= 120 ? name : name[..120] + "...";
}
