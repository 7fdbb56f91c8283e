using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>CLOCK_THREAD_CPUTIME_ID (linux/time.h): CPU time consumed by the calling thread.</summary>
        internal const int ClockThreadCpuTime = 3;

        [LibraryImport(Libraries.Libc, EntryPoint = "clock_gettime", SetLastError = true)]
        internal static partial int ClockGettime(int clock, out Timespec time);
    }

    /// <summary>
    /// CPU time the calling thread has used (user + system), in nanoseconds. Valid only for differences taken on the same
    /// thread: a synchronous piece of work, never across an await.
    /// </summary>
    internal static long ThreadCpuNanoseconds()
    {
        Timespec time = default; // declared with utimensat
        Check(() => Libc.ClockGettime(Libc.ClockThreadCpuTime, out time), "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }
}
