using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// Checks a request before anything is created. The caller may be hostile: every string that reaches a
/// path, an argv, an environment or a runtime flag is checked here, and every limit against the server's floor and per-node ceiling (the session's
/// total is checked by <see cref="SandboxService"/>, which knows the session's other sandboxes).
/// </summary>
public static class SandboxSpecValidator
{
    private const int MaxArgs = 256;
    private const int MaxStringBytes = 4096;
    private const int MaxEnvironment = 256;
    /// <summary>The API's limit (ExecRequest.MaxStdinBytes); the engine does not know the API, so it says it again.</summary>
    public const int MaxStdinBytes = 1024 * 1024;

    public static void Validate(SandboxSpec spec, LimitBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Image) || spec.Image.Length > 255 || HasControl(spec.Image))
            throw new InvalidRequestException("image must be a name such as 'busybox' or 'debian:latest'");
        if (spec.Name is not null)
            SandboxName.Require(spec.Name, "sandbox name");
        if (spec.Network == NetworkMode.Session)
            SandboxName.Require(spec.Session, "session");
        else if (spec.Session is not null)
            SandboxName.Require(spec.Session, "session");
        if (!Enum.IsDefined(spec.Profile))
            throw new InvalidRequestException($"unknown privilege profile {spec.Profile}");
        if (!Enum.IsDefined(spec.Network))
            throw new InvalidRequestException($"unknown network mode {spec.Network}");
        ValidateCommand(spec.Command, allowEmpty: true);
        if (spec.WorkingDirectory is not null)
            ValidateWorkingDirectory(spec.WorkingDirectory);
        ValidateEnvironment(spec.Environment);
        ValidateTerminalSize(spec.TerminalSize);
        bounds.RequireWithinNode(spec.Limits ?? throw new InvalidRequestException("limits must not be null"));
    }

    public static void Validate(ExecSpec exec)
    {
        ArgumentNullException.ThrowIfNull(exec);
        ValidateCommand(exec.Command, allowEmpty: false);
        if (exec.WorkingDirectory is not null)
            ValidateWorkingDirectory(exec.WorkingDirectory);
        ValidateEnvironment(exec.Environment);
        ValidateTerminalSize(exec.TerminalSize);
        if (exec.Stdin.Length > 0 && exec.Tty)
            throw new InvalidRequestException("stdin is for a process without a terminal; a terminal's input goes through attach");
        if (exec.Stdin.Length > MaxStdinBytes)
            throw new InvalidRequestException($"stdin is {exec.Stdin.Length} bytes; at most {MaxStdinBytes} (1 MiB)");
    }

    /// <summary>
    /// An absolute, normalised path outside the kernel's virtual filesystems. A cwd such as /proc/self/fd/N
    /// could point at a file descriptor leaked from the runtime into the container (runc CVE-2024-21626):
    /// refuse it here, whatever the runtime does.
    /// </summary>
    /// <remarks><paramref name="what"/> names the path in the refusal (an image's WorkingDir is checked here too).</remarks>
    public static void ValidateWorkingDirectory(string? path, string what = "working directory")
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
            throw new InvalidRequestException($"{what} '{path}' must be an absolute path");
        if (path.Length > MaxStringBytes || HasControl(path))
            throw new InvalidRequestException($"{what} is too long or contains control characters");
        string[] segments = path.Split('/');
        if (segments.Skip(1).Any(s => s is "." or ".."))
            throw new InvalidRequestException($"{what} '{path}' must not contain '.' or '..'");
        if (path.Length > 1 && segments.Skip(1).Any(s => s.Length == 0))
            throw new InvalidRequestException($"{what} '{path}' must be normalised (no '//' or trailing '/')");
        if (segments.Length > 1 && segments[1] is "proc" or "sys" or "dev")
            throw new InvalidRequestException($"{what} '{path}' is inside /{segments[1]}, which is not allowed");
    }

    private static void ValidateCommand(IReadOnlyList<string>? command, bool allowEmpty)
    {
        if (command is null || (!allowEmpty && command.Count == 0))
            throw new InvalidRequestException("command must name a program to run");
        if (command.Count > MaxArgs)
            throw new InvalidRequestException($"command has more than {MaxArgs} arguments");
        foreach (string? arg in command)
        {
            if (arg is null || arg.Contains('\0') || arg.Length > MaxStringBytes)
                throw new InvalidRequestException("command arguments must be non-null strings without NUL, at most 4096 characters");
        }
        if (command.Count > 0 && command[0].Length == 0)
            throw new InvalidRequestException("command[0] must not be empty");
    }

    private static void ValidateEnvironment(IReadOnlyDictionary<string, string>? environment)
    {
        if (environment is null)
            throw new InvalidRequestException("environment must not be null");
        if (environment.Count > MaxEnvironment)
            throw new InvalidRequestException($"more than {MaxEnvironment} environment variables");
        foreach (var (key, value) in environment)
        {
            if (key.Length == 0 || key.Length > 255 || key.Contains('=') || HasControl(key) || !char.IsAsciiLetter(key[0]) && key[0] != '_')
                throw new InvalidRequestException($"environment variable name '{key}' is not valid");
            if (value is null || value.Contains('\0') || value.Length > MaxStringBytes)
                throw new InvalidRequestException($"environment variable '{key}' has an invalid value");
        }
    }

    private static void ValidateTerminalSize(TerminalSize? size)
    {
        if (size is { } s && (s.Columns is 0 or > 1000 || s.Rows is 0 or > 1000))
            throw new InvalidRequestException("terminal size must be 1..1000 columns and 1..1000 rows");
    }

    private static bool HasControl(string value) => value.Any(char.IsControl);
}
