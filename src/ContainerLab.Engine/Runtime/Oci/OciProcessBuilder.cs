using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// The "process" of a sandbox: its init (pid 1) and every command exec'd into it. Both get the same
/// user, capabilities, rlimits and noNewPrivileges, so an exec is never more privileged than the init.
/// </summary>
public static class OciProcessBuilder
{
    public static readonly IReadOnlyList<string> FallbackCommand = ["/bin/sh"];

    /// <summary>The sandbox's first process: the spec's command, else the image's, else /bin/sh.</summary>
    public static OciProcess ForInit(SandboxSpec spec, SandboxRuntimeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layout);
        IReadOnlyList<string> args = spec.Command.Count > 0 ? spec.Command
            : layout.ImageCommand.Count > 0 ? layout.ImageCommand
            : FallbackCommand;
        // With an init, pid 1 is tini: it starts the command as its child (in its own process group, made the
        // terminal's foreground group), forwards signals to it, reaps every orphan, and exits with the child's status.
        if (layout.InitBinary is not null)
            args = [SandboxRuntimeLayout.InitInside, "--", .. args];
        var env = ProcessEnvironment.WithDefaults(spec.Tty, layout.Hostname)
            .AddEntries(layout.ImageEnvironment)
            .AddVariables(spec.Environment);
        return Build(spec, args, spec.Tty, spec.Tty ? spec.TerminalSize : null, WorkingDirectoryOf(spec, layout), env.ToList());
    }

    /// <summary>
    /// Where the sandbox's first process starts: the spec's directory, else the image's WorkingDir. An exec that names
    /// none starts here too, so a second terminal opens where the first one did (docker exec does the same).
    /// </summary>
    public static string WorkingDirectoryOf(SandboxSpec spec, SandboxRuntimeLayout layout) =>
        spec.WorkingDirectory ?? layout.ImageWorkingDirectory;

    /// <summary>
    /// process.json for `runc exec --process` / `crun exec --process`: a command in the running
    /// sandbox. Its environment is the sandbox's (image, then spec) overridden by <paramref name="env"/>; its working
    /// directory <paramref name="workingDirectory"/>, else the sandbox's (<see cref="WorkingDirectoryOf"/>).
    /// <paramref name="terminalSize"/> is the pty's initial size when <paramref name="tty"/> is set.
    /// </summary>
    public static OciProcess ForExec(
        SandboxSpec sandbox,
        SandboxRuntimeLayout layout,
        IReadOnlyList<string> command,
        bool tty,
        string? workingDirectory,
        IReadOnlyDictionary<string, string> env,
        TerminalSize? terminalSize = null)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(env);
        if (command.Count == 0)
            throw new InvalidRequestException("an exec needs a command");
        var environment = ProcessEnvironment.WithDefaults(tty, layout.Hostname)
            .AddEntries(layout.ImageEnvironment)
            .AddVariables(sandbox.Environment)
            .AddVariables(env);
        return Build(sandbox, command, tty, tty ? terminalSize : null, workingDirectory ?? WorkingDirectoryOf(sandbox, layout),
            environment.ToList());
    }

    private static OciProcess Build(
        SandboxSpec spec, IReadOnlyList<string> args, bool tty, TerminalSize? consoleSize, string cwd, IReadOnlyList<string> env)
    {
        // The runtime chdirs there after pivot_root; the spec requires an absolute path.
        if (string.IsNullOrEmpty(cwd) || cwd[0] != '/' || cwd.Contains('\0'))
            throw new InvalidRequestException($"working directory '{cwd}' must be an absolute path");
        if (spec.Limits.OpenFiles <= 0)
            throw new InvalidRequestException($"open files limit {spec.Limits.OpenFiles} must be positive");
        return new OciProcess
        {
            Terminal = tty,
            ConsoleSize = consoleSize is { } size ? new OciConsoleSize { Height = size.Rows, Width = size.Columns } : null,
            // Root of the sandbox's user namespace, i.e. layout.Ids.HostStart outside. No supplementary
            // groups: an empty list makes the runtime clear the daemon's own groups with setgroups(0).
            User = new OciUser { Uid = 0, Gid = 0, AdditionalGids = [] },
            Args = [.. args],
            Env = env,
            Cwd = cwd,
            Capabilities = Capabilities.Sets(spec.Profile),
            // Soft = hard, so the process cannot raise it: each fd pins kernel memory outside the memcg's
            // view of user pages, and select()-based programs break above 1024 anyway.
            Rlimits = [new OciRlimit { Type = "RLIMIT_NOFILE", Soft = (ulong)spec.Limits.OpenFiles, Hard = (ulong)spec.Limits.OpenFiles }],
            // PR_SET_NO_NEW_PRIVS: execve of a setuid or file-capability binary grants nothing more, and
            // the runtime may load the seccomp filter without CAP_SYS_ADMIN, as the very last step.
            NoNewPrivileges = true,
        };
    }
}
