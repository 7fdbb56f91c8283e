using System.Text;
using ContainerLab.Engine.Errors;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Cgroups;

/// <summary>The real kernel: open/write, rmdir and kill through Interop so errors keep their errno.</summary>
internal sealed class LinuxCgroupKernel : ICgroupKernel
{
    public static LinuxCgroupKernel Instance { get; } = new();

    public unsafe void WriteFile(string path, string value)
    {
        string operation = $"write '{value}' to";
        // No O_CREAT: a missing control file means a missing controller or cgroup, which must fail loudly.
        int fd = Interop.Check(() => Interop.Libc.Open(path, Interop.O_WRONLY | Interop.O_TRUNC | Interop.O_CLOEXEC, 0), operation, path);
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        byte[] bytes = Encoding.ASCII.GetBytes(value);
        fixed (byte* pointer = bytes)
        {
            nint address = (nint)pointer;
            // cgroupfs parses each write(2) as a whole value, so it must go in one call.
            long written = Interop.Check(() => (long)Interop.Libc.Write(handle, (byte*)address, bytes.Length), operation, path);
            if (written != bytes.Length)
                throw new KernelCallException($"{operation} (short write {written} of {bytes.Length})", path, Interop.EIO);
        }
    }

    public void RemoveDirectory(string path) => Interop.Check(() => Interop.Libc.Rmdir(path), "rmdir", path);

    public void KillProcess(int pid)
    {
        try
        {
            Interop.Check(() => Interop.Libc.Kill(pid, Interop.Libc.SIGKILL), $"kill -KILL {pid} in cgroup");
        }
        catch (KernelCallException e) when (e.Errno == Interop.ESRCH)
        {
            // It exited between reading cgroup.procs and the kill: nothing to do.
        }
    }
}
