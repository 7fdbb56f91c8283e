using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    /// <summary>
    /// The largest config.json handed out. Ours is about 30 KiB (the seccomp rules are most of it) and a request
    /// body is at most 64 KiB, so a bigger file was not written by this engine; it is refused, not streamed.
    /// </summary>
    public const int MaxRuntimeConfigBytes = 1024 * 1024;

    /// <summary>
    /// The config.json in the sandbox's bundle directory, byte for byte: what crun or runc read to make its
    /// namespaces, id mappings, cgroup and limits, capabilities, masks and seccomp filter. Written once at create;
    /// live limit updates change the cgroup, not this file.
    /// </summary>
    public byte[] ReadRuntimeConfig(string idOrName)
    {
        var sandbox = Find(idOrName);
        try
        {
            using var file = new FileStream(sandbox.ConfigFile, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (file.Length > MaxRuntimeConfigBytes)
                throw new InvalidDataException(
                    $"read {sandbox.ConfigFile}: {file.Length} bytes, more than the {MaxRuntimeConfigBytes} bytes a config.json may have");
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // The sandbox is listed before its overlay is mounted and config.json written, and until its directory is gone.
            if (sandbox.Removed)
                throw new NotFoundException("sandbox", idOrName);
            throw new ConflictException($"sandbox '{sandbox.Name}' has no config.json yet: it is still being created");
        }
    }
}
