using System.Globalization;
using ContainerLab.Api.Units;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Daemon.Hosting;

/// <summary>
/// containerlabd's settings, from flags or the environment (flags win):
/// --socket PATH (CONTAINERLAB_SOCKET), --state-dir DIR (CONTAINERLAB_STATE), --runtime auto|crun|runc
/// (CONTAINERLAB_RUNTIME), --cgroup-parent /PATH (CONTAINERLAB_CGROUP_PARENT), --id-base N
/// (CONTAINERLAB_ID_BASE), --max-sandboxes N (CONTAINERLAB_MAX_SANDBOXES), --group NAME (CONTAINERLAB_GROUP), --init PATH|none
/// (CONTAINERLAB_INIT; default <see cref="EngineOptions.DefaultInitPath"/> when present), and the limit ceilings --max-node-memory SIZE,
/// --max-node-cpus CORES, --max-node-pids N, --max-node-disk SIZE and the same with --max-session-
/// (CONTAINERLAB_MAX_NODE_MEMORY, ...; defaults from the machine's cores and RAM, <see cref="LimitBounds.For"/>).
/// </summary>
public sealed record DaemonOptions
{
    public const string DefaultSocket = "/run/containerlab/containerlabd.sock";
    public const string DefaultStateDirectory = "/var/lib/containerlab";

    public string SocketPath { get; init; } = DefaultSocket;
    /// <summary>Group given access to the socket (mode 0660) where it exists.</summary>
    public string SocketGroup { get; init; } = "containerlab";
    public required EngineOptions Engine { get; init; }
    /// <summary>Largest image archive accepted by POST /v1/images/import.</summary>
    public long MaxImportBytes { get; init; } = 2L * 1024 * 1024 * 1024;
    /// <summary>Largest JSON body accepted by every other endpoint.</summary>
    public long MaxJsonBodyBytes { get; init; } = 64 * 1024;

    /// <summary>What `containerlabd --help` prints.</summary>
    public static string Usage { get; } = UsageText(new EngineOptions { StateDirectory = DefaultStateDirectory });

    private static string UsageText(EngineOptions defaults) => string.Create(CultureInfo.InvariantCulture, $$"""
        Usage: containerlabd [OPTION VALUE]...   (or --OPTION=VALUE; each also from its environment variable)

          --socket PATH        unix socket to listen on (CONTAINERLAB_SOCKET; default {{DefaultSocket}})
          --group NAME         group given the socket, mode 0660, where it exists (CONTAINERLAB_GROUP; default containerlab)
          --state-dir DIR      images, sandboxes, runtime state (CONTAINERLAB_STATE; default {{DefaultStateDirectory}});
                               every directory above it must be searchable by others (o+x)
          --runtime NAME       auto, crun or runc (CONTAINERLAB_RUNTIME; default auto: crun where installed)
          --cgroup-parent PATH absolute cgroup under which each sandbox gets its own (CONTAINERLAB_CGROUP_PARENT; default {{defaults.CgroupParent}})
          --id-base N          first host uid of the sandboxes' id ranges, 65536 per sandbox (CONTAINERLAB_ID_BASE; default {{defaults.IdRangeBase}})
          --max-sandboxes N    sandboxes at once (CONTAINERLAB_MAX_SANDBOXES; default {{defaults.MaxSandboxes}})
          --max-vm-nodes N     of them VM nodes, each booting a kernel under QEMU (CONTAINERLAB_MAX_VM_NODES; default {{defaults.MaxVmNodes}}; 0: none)
          --accelerator NAME   how VM nodes run the guest's processor: auto, kvm or tcg (CONTAINERLAB_ACCELERATOR; default auto:
                               KVM where a guest boots under it, tried once at the first VM node; else TCG, emulated)
          --init PATH|none     static init run as each sandbox's pid 1 (CONTAINERLAB_INIT; default {{EngineOptions.DefaultInitPath}} when present)
          --max-node-memory SIZE, --max-node-cpus CORES, --max-node-pids N, --max-node-disk SIZE
                               the most one sandbox may have (CONTAINERLAB_MAX_NODE_MEMORY, ...; sizes as 512m, 2g, 512MiB;
                               default from the machine: all cores, an eighth of the RAM (disk the same), 1024 pids)
          --max-session-memory SIZE, --max-session-cpus CORES, --max-session-pids N, --max-session-disk SIZE
                               the most the running sandboxes of one session may have together (CONTAINERLAB_MAX_SESSION_MEMORY,
                               ...; default all cores, a quarter of the RAM, 4096 pids, at least 5 nodes at the default limits)
          -h, --help           print this and exit

        Runs as root. Clients: clabctl and the web (docs/API.md).

        """);

    /// <summary>True when the arguments ask for <see cref="Usage"/> (anywhere, like most daemons).</summary>
    public static bool AsksForHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h");

    public static DaemonOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new InvalidRequestException($"unexpected argument '{arg}'");
            string name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
                (name, value) = (name[..eq], name[(eq + 1)..]);
            else if (i + 1 < args.Count)
                value = args[++i];
            flags[name] = value ?? throw new InvalidRequestException($"--{name} needs a value");
        }
        string? Get(string flag, string variable) => flags.Remove(flag, out var v) ? v : environment(variable);

        var engineDefaults = new EngineOptions { StateDirectory = DefaultStateDirectory };
        var options = new DaemonOptions
        {
            SocketPath = Path.GetFullPath(Get("socket", "CONTAINERLAB_SOCKET") ?? DefaultSocket),
            SocketGroup = Get("group", "CONTAINERLAB_GROUP") ?? "containerlab",
            Engine = engineDefaults with
            {
                StateDirectory = Path.GetFullPath(Get("state-dir", "CONTAINERLAB_STATE") ?? DefaultStateDirectory),
                Runtime = Get("runtime", "CONTAINERLAB_RUNTIME") ?? engineDefaults.Runtime,
                CgroupParent = Get("cgroup-parent", "CONTAINERLAB_CGROUP_PARENT") ?? engineDefaults.CgroupParent,
                IdRangeBase = ParseNumber(Get("id-base", "CONTAINERLAB_ID_BASE"), engineDefaults.IdRangeBase, "id-base"),
                MaxSandboxes = (int)ParseNumber(Get("max-sandboxes", "CONTAINERLAB_MAX_SANDBOXES"), (uint)engineDefaults.MaxSandboxes, "max-sandboxes"),
                Accelerator = ParseAccelerator(Get("accelerator", "CONTAINERLAB_ACCELERATOR") ?? engineDefaults.Accelerator),
                MaxVmNodes = (int)ParseNumber(Get("max-vm-nodes", "CONTAINERLAB_MAX_VM_NODES"), (uint)engineDefaults.MaxVmNodes, "max-vm-nodes"),
                InitPath = ParseInit(Get("init", "CONTAINERLAB_INIT"), engineDefaults.InitPath),
                Bounds = engineDefaults.Bounds with
                {
                    Node = ParseCeilings("node", engineDefaults.Bounds.Node, Get),
                    Session = ParseCeilings("session", engineDefaults.Bounds.Session, Get),
                },
            },
        };
        if (flags.Count > 0)
            throw new InvalidRequestException($"unknown option --{flags.Keys.First()}; known: --socket, --state-dir, --runtime, --cgroup-parent, --id-base, --max-sandboxes, --group, --init, --max-node-*, --max-session-* (see --help)");
        if (!options.Engine.CgroupParent.StartsWith('/') || options.Engine.CgroupParent.Contains("..", StringComparison.Ordinal))
            throw new InvalidRequestException("--cgroup-parent must be an absolute cgroup path such as /containerlab");
        return options with { Engine = options.Engine with { Bounds = options.Engine.Bounds.Checked() } };
    }

    /// <summary>--max-SCOPE-memory 2g, --max-SCOPE-cpus 1.5, --max-SCOPE-pids 512, --max-SCOPE-disk 1g: the ceilings an operator sets.</summary>
    private static SandboxLimits ParseCeilings(string scope, SandboxLimits defaults, Func<string, string, string?> get)
    {
        string Flag(string limit) => $"max-{scope}-{limit}";
        string Variable(string limit) => $"CONTAINERLAB_MAX_{scope.ToUpperInvariant()}_{limit.ToUpperInvariant()}";
        long? Bytes(string limit) => get(Flag(limit), Variable(limit)) is { } text
            ? Size.TryParse(text, out var size) ? size.Bytes : throw new InvalidRequestException($"--{Flag(limit)} must be a size such as 512m or 2g, not '{text}'")
            : null;
        double? cpus = get(Flag("cpus"), Variable("cpus")) is { } cores
            ? double.TryParse(cores, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double parsed) && parsed > 0 ? parsed
              : throw new InvalidRequestException($"--{Flag("cpus")} must be a number of cores such as 1.5, not '{cores}'")
            : null;
        string? pids = get(Flag("pids"), Variable("pids"));
        return defaults with
        {
            MemoryBytes = Bytes("memory") ?? defaults.MemoryBytes,
            Cpus = cpus ?? defaults.Cpus,
            Pids = pids is null ? defaults.Pids : (int)Math.Min(int.MaxValue, ParseNumber(pids, 0, Flag("pids"))),
            DiskBytes = Bytes("disk") ?? defaults.DiskBytes,
        };
    }

    private static uint ParseNumber(string? value, uint fallback, string name) =>
        value is null ? fallback
        : uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint parsed) && parsed > 0 ? parsed
        : throw new InvalidRequestException($"--{name} must be a positive whole number, not '{value}'");

    /// <summary>--init PATH (a static init binary run as each sandbox's pid 1) or --init none (the command is pid 1).</summary>
    private static string ParseAccelerator(string value) => value is "auto" or "kvm" or "tcg"
        ? value
        : throw new InvalidRequestException($"--accelerator must be auto, kvm or tcg, not '{value}'");

    private static string? ParseInit(string? value, string? fallback) => value switch
    {
        null => fallback,
        "none" => null,
        _ when Path.IsPathRooted(value) && File.Exists(value) => value,
        _ => throw new InvalidRequestException($"--init must be an existing absolute path of a static init (e.g. {EngineOptions.DefaultInitPath}) or 'none', not '{value}'"),
    };
}
