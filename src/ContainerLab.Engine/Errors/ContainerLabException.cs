namespace ContainerLab.Engine.Errors;

/// <summary>
/// Root of the engine's small exception tree. Callers (the daemon) map each kind to one HTTP status;
/// nobody compares messages or codes by value.
/// </summary>
public abstract class ContainerLabException : Exception
{
    protected ContainerLabException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The caller asked for something invalid (bad spec, out-of-range limit, bad id). Nothing was created.</summary>
public sealed class InvalidRequestException(string message) : ContainerLabException(message);

/// <summary>A named object (sandbox, image, process) does not exist.</summary>
public sealed class NotFoundException(string kind, string name) : ContainerLabException($"{kind} '{name}' not found")
{
    public string Kind { get; } = kind;
    public string Name { get; } = name;
}

/// <summary>The object exists but is in a state that does not allow the operation (e.g. start a running sandbox).</summary>
public sealed class ConflictException(string message) : ContainerLabException(message);

/// <summary>A server-wide capacity (sandboxes, id ranges, sessions) is used up.</summary>
public sealed class CapacityExceededException(string message) : ContainerLabException(message);

/// <summary>An image archive was refused: hostile, malformed or too large. Nothing was half-written.</summary>
public sealed class ImageImportException(string message, Exception? inner = null) : ContainerLabException(message, inner);

/// <summary>
/// A sandbox could not be removed completely: processes of its id range outlived every kill. Its ids stay reserved
/// (never handed to another sandbox) until they are gone.
/// </summary>
public sealed class TeardownIncompleteException(string message) : ContainerLabException(message);

/// <summary>The OCI runtime (crun/runc) or another host tool failed; carries its stderr.</summary>
public sealed class RuntimeCommandException(string command, int exitCode, string stderr)
    : ContainerLabException($"{command} failed with exit code {exitCode}: {stderr.Trim()}")
{
    public string Command { get; } = command;
    public int ExitCode { get; } = exitCode;
    public string Stderr { get; } = stderr;
}

/// <summary>A system call failed. Says which operation on which path, like runc's wrapped errors.</summary>
public sealed class KernelCallException(string operation, string? path, int errno)
    : ContainerLabException(path is null
        ? $"{operation}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"
        : $"{operation} {path}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
{
    public string Operation { get; } = operation;
    public string? PathName { get; } = path;
    public int Errno { get; } = errno;
}
