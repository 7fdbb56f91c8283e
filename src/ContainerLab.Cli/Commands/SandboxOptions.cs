using System.CommandLine;
using ContainerLab.Api.Contracts;
using ContainerLab.Api.Units;

namespace ContainerLab.Cli.Commands;

/// <summary>The options of `clabctl run` that shape the sandbox, and their translation into a create request.</summary>
internal sealed class SandboxOptions
{
    public Option<string?> Kind { get; } = new("--kind") { Description = "container (default) or vm: a VM boots its own kernel; its memory is the guest's RAM" };
    public Option<string?> Name { get; } = new("--name") { Description = "name (and hostname) of the sandbox" };
    public Option<string?> Memory { get; } = new("--memory", "-m") { Description = "memory limit, no swap (e.g. 64m, 1g)" };
    public Option<int?> Pids { get; } = new("--pids") { Description = "maximum number of processes" };
    public Option<double?> Cpus { get; } = new("--cpus") { Description = "CPU bandwidth in cores (e.g. 0.5)" };
    public Option<string?> Disk { get; } = new("--disk") { Description = "size of the writable layer (e.g. 128m)" };
    public Option<string?> Profile { get; } = new("--profile") { Description = "privilege profile: default or internals" };
    public Option<string?> Network { get; } = new("--network") { Description = "network: none or session" };
    public Option<string?> Session { get; } = new("--session") { Description = "session whose network to join (with --network session)" };
    public Option<string?> Workdir { get; } = new("--workdir", "-w") { Description = "working directory inside the sandbox" };
    public Option<string[]> Env { get; } = new("--env", "-e") { Description = "environment variable KEY=VALUE (repeatable)" };

    public IEnumerable<Option> All => [Kind, Name, Memory, Pids, Cpus, Disk, Profile, Network, Session, Workdir, Env];

    public CreateSandboxRequest ToRequest(ParseResult parse, string image, IReadOnlyList<string> command, bool tty) => new()
    {
        Kind = parse.GetValue(Kind),
        Image = image,
        Command = command,
        Tty = tty,
        Name = parse.GetValue(Name),
        WorkingDirectory = parse.GetValue(Workdir),
        Environment = ParseEnvironment(parse.GetValue(Env)),
        Limits = new LimitsDto
        {
            Memory = Checked(parse.GetValue(Memory), "--memory"),
            Pids = parse.GetValue(Pids),
            Cpus = parse.GetValue(Cpus),
            Disk = Checked(parse.GetValue(Disk), "--disk"),
        },
        Profile = parse.GetValue(Profile),
        Network = parse.GetValue(Network),
        Session = parse.GetValue(Session),
        TerminalSize = tty ? Terminal.RawTerminal.Size() : null,
    };

    /// <summary>
    /// A size is sent as typed ("64m"), so the daemon's refusal speaks the same unit; a typo is caught here first.
    /// </summary>
    public static string? Checked(string? size, string option)
    {
        if (string.IsNullOrWhiteSpace(size))
            return null;
        Size.Parse(size, option);
        return size.Trim();
    }

    public static Dictionary<string, string> ParseEnvironment(string[]? pairs)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs ?? [])
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new FormatException($"--env: '{pair}' is not KEY=VALUE");
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        return env;
    }
}
