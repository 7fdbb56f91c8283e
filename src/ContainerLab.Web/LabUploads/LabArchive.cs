using System.IO.Compression;

namespace ContainerLab.Web.LabUploads;

/// <summary>An archive refused before anything of it stayed on disk, with the reason in the uploader's units.</summary>
public sealed class LabArchiveException(string message) : Exception(message);

/// <summary>
/// Unpacks an uploaded lab zip, which is hostile input: every entry's name, type and size is checked before anything is
/// written, and again while its bytes are read (a zip's sizes are the uploader's claims). Only regular files and folders
/// are made, each under the target by construction; anything else refuses the whole archive and removes what was
/// unpacked of it.
/// </summary>
public static class LabArchive
{
    public const long MaxUploadBytes = 16L * 1024 * 1024;
    public const int MaxEntries = 1000;
    public const long MaxFileBytes = 8L * 1024 * 1024;
    public const long MaxTotalBytes = 64L * 1024 * 1024;
    /// <summary>Deflate packs text about 3-10 to 1; a file that claims more than this, and is big, is a bomb.</summary>
    public const int MaxRatio = 200;
    private const long RatioCheckedFrom = 1024 * 1024;
    private const int MaxPathLength = 1024;

    // The file type bits of a unix mode, which zip tools keep in the high half of an entry's external attributes.
    private const int TypeMask = 0xF000, RegularFile = 0x8000, DirectoryType = 0x4000, Symlink = 0xA000;

    /// <summary>Unpacks <paramref name="zip"/> into <paramref name="target"/>, a new folder (made here); refused: nothing is left.</summary>
    public static void Extract(Stream zip, string target)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new LabArchiveException("this is not a zip file (upload a .zip of the lab's folder)");
        }
        using (archive)
        {
            var entries = Check(archive);
            Directory.CreateDirectory(target);
            try
            {
                long total = 0;
                foreach (var (entry, path, isDirectory) in entries)
                {
                    string destination = Path.Join(target, path);
                    if (isDirectory)
                    {
                        Directory.CreateDirectory(destination);
                        continue;
                    }
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    total += Copy(entry, path, destination, MaxTotalBytes - total);
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or LabArchiveException)
            {
                Directory.Delete(target, recursive: true);
                throw e as LabArchiveException ?? new LabArchiveException($"the zip is damaged: {e.Message}");
            }
            catch
            {
                Directory.Delete(target, recursive: true);
                throw;
            }
        }
    }

    /// <summary>Every entry checked by what the archive says, before a byte is written.</summary>
    private static List<(ZipArchiveEntry Entry, string Path, bool IsDirectory)> Check(ZipArchive archive)
    {
        if (archive.Entries.Count > MaxEntries)
            throw new LabArchiveException($"the zip has {archive.Entries.Count} entries; a lab has at most {MaxEntries} files and folders");
        var checkedEntries = new List<(ZipArchiveEntry, string, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long declared = 0;
        foreach (var entry in archive.Entries)
        {
            string name = entry.FullName;
            bool isDirectory = name.EndsWith('/');
            string path = CheckedPath(name);
            int type = (entry.ExternalAttributes >> 16) & TypeMask;
            if (type == Symlink)
                throw new LabArchiveException($"'{name}' is a symbolic link; a lab's zip holds only files and folders");
            if (type != 0 && type != RegularFile && type != DirectoryType)
                throw new LabArchiveException($"'{name}' is not a regular file or folder (unix type {Convert.ToString(type >> 12, 8)})");
            if (type == DirectoryType)
                isDirectory = true;
            if (entry.IsEncrypted)
                throw new LabArchiveException($"'{name}' is encrypted; upload the lab without a password");
            if (!seen.Add(path))
                throw new LabArchiveException($"'{name}' is in the zip twice");
            if (!isDirectory)
            {
                if (entry.Length > MaxFileBytes)
                    throw new LabArchiveException($"'{name}' is {Mib(entry.Length)} MiB; a lab's file is at most {Mib(MaxFileBytes)} MiB");
                if (entry.Length >= RatioCheckedFrom && entry.Length > (long)MaxRatio * Math.Max(1, entry.CompressedLength))
                    throw new LabArchiveException($"'{name}' unpacks {entry.Length / Math.Max(1, entry.CompressedLength)} times larger than it is packed: refused as a zip bomb");
                declared += entry.Length;
                if (declared > MaxTotalBytes)
                    throw new LabArchiveException($"the zip unpacks to more than {Mib(MaxTotalBytes)} MiB; a lab is at most that");
            }
            checkedEntries.Add((entry, path, isDirectory));
        }
        return checkedEntries;
    }

    /// <summary>A name that stays under the target: relative, no '..' or empty part, no backslash or control character.</summary>
    private static string CheckedPath(string name)
    {
        if (name.Length == 0 || name.Length > MaxPathLength)
            throw new LabArchiveException($"an entry's name is empty or longer than {MaxPathLength} characters");
        if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':'))
            throw new LabArchiveException($"'{name}' is an absolute path; a lab's zip holds paths inside the lab's folder");
        if (name.Contains('\\'))
            throw new LabArchiveException($"'{name}' has a backslash; zip paths use '/'");
        if (name.Any(char.IsControl))
            throw new LabArchiveException($"'{Printable(name)}' has a control character in its name");
        var parts = name.TrimEnd('/').Split('/');
        if (parts.Any(p => p is "" or "." or ".."))
            throw new LabArchiveException($"'{name}' has an empty, '.' or '..' part; a lab's zip holds paths inside the lab's folder");
        if (parts.Any(p => p.Length > 255))
            throw new LabArchiveException($"'{name}' has a name longer than 255 bytes");
        return string.Join('/', parts);
    }

    /// <summary>Copies one file, counting what really comes out of the archive (not what it claims).</summary>
    private static long Copy(ZipArchiveEntry entry, string path, string destination, long room)
    {
        long limit = Math.Min(entry.Length, Math.Min(MaxFileBytes, room));
        using var source = entry.Open();
        using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            copied += read;
            if (copied > limit)
                throw new LabArchiveException(copied > entry.Length
                    ? $"'{path}' unpacks to more than the {entry.Length} bytes its entry claims: refused"
                    : $"the zip unpacks to more than {Mib(MaxTotalBytes)} MiB; a lab is at most that");
            file.Write(buffer, 0, read);
        }
        return copied;
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static string Printable(string name) => new([.. name.Select(c => char.IsControl(c) ? '?' : c)]);
}
