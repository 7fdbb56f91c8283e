using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ContainerLab.Engine.Tests.Images;

/// <summary>Every path under a directory with its type, mode, owner and content hash: equal snapshots mean an unchanged tree.</summary>
internal static class StoreSnapshot
{
    public static string Take(string root)
    {
        var lines = new List<string>();
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            string kind = info.LinkTarget is { } target ? "link->" + target
                : Directory.Exists(path) ? "dir"
                : "file " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
            lines.Add($"{Path.GetRelativePath(root, path)} {kind} {info.UnixFileMode}");
        }
        return string.Join('\n', lines);
    }
}

/// <summary>What the tests need to look at on disk that .NET does not expose: device numbers, owners, xattrs.</summary>
internal static partial class DiskInspection
{
    /// <summary>`stat -c` output, e.g. "%F %t %T %u %g %a" -> "character special file 0 0 0 0 0".</summary>
    public static string Stat(string path, string format)
    {
        var start = new System.Diagnostics.ProcessStartInfo("stat", ["-c", format, path]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    public static string? GetXattr(string path, string name)
    {
        byte[] buffer = new byte[256];
        long n = LGetXattr(path, name, buffer, (nuint)buffer.Length);
        return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
    }

    [DllImport("libc.so.6", EntryPoint = "lgetxattr", SetLastError = true, CharSet = CharSet.Ansi)]
#pragma warning disable SYSLIB1054 // test helper: LibraryImport needs AllowUnsafeBlocks in this project
    private static extern long LGetXattr(string path, string name, byte[] value, nuint size);
#pragma warning restore SYSLIB1054
}
