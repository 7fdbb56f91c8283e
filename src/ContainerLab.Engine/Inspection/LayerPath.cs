using System.Text;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Inspection;

/// <summary>
/// A directory path inside one layer as a caller names it ("/usr/bin"): absolute, split into components. "." and empty
/// components are dropped; ".." is refused rather than resolved, because a layer is listed from its own root only and a
/// lexical ".." would be the first step of a climb out of it.
/// </summary>
internal static class LayerPath
{
    // PATH_MAX and NAME_MAX (include/uapi/linux/limits.h).
    private const int MaxPathBytes = 4096, MaxComponentBytes = 255;

    public static IReadOnlyList<string> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
            throw new InvalidRequestException($"layer path '{path}' must be absolute (start with '/')");
        if (path.Contains('\0'))
            throw new InvalidRequestException("a layer path must not contain a NUL byte");
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
            throw new InvalidRequestException($"a layer path must be at most {MaxPathBytes} bytes");
        var components = new List<string>();
        foreach (string component in path.Split('/'))
        {
            if (component.Length == 0 || component == ".")
                continue;
            if (component == "..")
                throw new InvalidRequestException($"layer path '{path}' contains '..'; a layer is listed from its own root only");
            if (Encoding.UTF8.GetByteCount(component) > MaxComponentBytes)
                throw new InvalidRequestException($"layer path '{path}' has a name longer than {MaxComponentBytes} bytes");
            components.Add(component);
        }
        return components;
    }

    public static string Join(IEnumerable<string> components) => "/" + string.Join('/', components);
}
