using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;

internal static partial class Interop
{
    internal const int EINTR = 4;
    internal const int ENOENT = 2;
    internal const int EAGAIN = 11;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int EINVAL = 22;
    internal const int ENOSPC = 28;
    internal const int ESRCH = 3;
    internal const int ECHILD = 10;
    internal const int EIO = 5;
    internal const int ENOTEMPTY = 39;
    internal const int EPIPE = 32;
    internal const int EBADF = 9;

    /// <summary>
    /// The single place where errno becomes an exception. <paramref name="call"/> runs again while it fails
    /// with EINTR (a signal interrupted it, e.g. SIGCHLD from a reaped runtime process).
    /// </summary>
    internal static int Check(Func<int> call, string operation, string? path = null)
    {
        while (true)
        {
            int result = call();
            if (result >= 0)
                return result;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR)
                throw new KernelCallException(operation, path, errno);
        }
    }

    /// <summary>Same as <see cref="Check(Func{int}, string, string?)"/> for calls returning ssize_t.</summary>
    internal static long Check(Func<long> call, string operation, string? path = null)
    {
        while (true)
        {
            long result = call();
            if (result >= 0)
                return result;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR)
                throw new KernelCallException(operation, path, errno);
        }
    }

    /// <summary>
    /// For calls where some errno values are answers rather than failures (ESRCH: the process is already gone;
    /// EAGAIN: nothing to read yet): 0 when <paramref name="result"/> is a success, the errno when it is one of
    /// <paramref name="answers"/>; any other errno throws. A caller that calls again after a signal lists EINTR.
    /// </summary>
    internal static int Answer(long result, string operation, string? path, params ReadOnlySpan<int> answers)
    {
        if (result >= 0)
            return 0;
        int errno = Marshal.GetLastPInvokeError();
        if (answers.Contains(errno))
            return errno;
        throw new KernelCallException(operation, path, errno);
    }

    /// <summary>
    /// For calls that take pointers (no lambda can capture them): true when <paramref name="result"/> failed with
    /// EINTR and the caller should call again; throws for any other failure; false on success.
    /// Use as <c>do n = call(); while (Interop.Retry(n, "op", path));</c>
    /// </summary>
    internal static bool Retry(long result, string operation, string? path = null)
    {
        if (result >= 0)
            return false;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == EINTR)
            return true;
        throw new KernelCallException(operation, path, errno);
    }
}
