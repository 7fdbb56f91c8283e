namespace ContainerLab.Web.Components.Kernel.Chain;

/// <summary>One box of the chain: where it is drawn, what it is, its own measured time (null: not measured) and its words.</summary>
public sealed record ChainHop(string Key, string Title, string Subtitle, double? OwnMs, string Explanation, double Y);

/// <summary>The arrow between two boxes: how the request travels there, and its time when it has one of its own.</summary>
public sealed record ChainLink(string Label, double? Ms, string Explanation, double Y1, double Y2);

/// <summary>
/// The picture's layout and words: ContainerLab's chain on the left with the trace's times (browser -> web -> daemon ->
/// runtime), Docker's on the right for comparison (CLI -> dockerd -> containerd -> shim -> runc), one kernel under both.
/// Pure: the same trace gives the same picture.
/// </summary>
public sealed class ChainModel
{
    /// <summary>Two pictures side by side, or one above the other on a narrow screen: ContainerLab's and Docker's.</summary>
    public const double OursWidth = 330, TheirsWidth = 184, Top = 24, Row = 60, BoxHeight = 34, DockerBoxHeight = 30, KernelY = Top + 4 * Row;
    public const double TheirsHeight = KernelY + BoxHeight + 2, KernelLine = 12;

    /// <summary>The kernel's words, one part per line ("memory.max = …", "pids.max = …"), at most four.</summary>
    public IReadOnlyList<string> KernelLines { get; }

    public double KernelHeight => 22 + KernelLine * KernelLines.Count;
    public double OursHeight => KernelY + KernelHeight + 2;

    public ChainTrace? Trace { get; }
    public IReadOnlyList<ChainHop> Ours { get; }
    public IReadOnlyList<ChainLink> OurLinks { get; }
    public ChainHop Kernel { get; }
    public IReadOnlyList<ChainHop> Docker { get; }
    public IReadOnlyList<ChainLink> DockerLinks { get; }

    /// <summary>The longest own time, for the bars (each bar is its hop's share of the longest).</summary>
    public double Longest { get; }

    public ChainModel(ChainTrace? trace)
    {
        Trace = trace;
        bool start = trace?.Kind == ChainRequestKind.NodeStart;
        string runtime = trace?.RuntimeCall ?? "crun or runc";
        Ours =
        [
            new("browser", "your browser", "click sent, answer drawn", trace?.BrowserOwnMs,
                "Your browser. The click travels as a SignalR message over the page's WebSocket to ContainerLab.Web; the answer "
                + "comes back the same way and is drawn. Measured in the browser: "
                + (trace?.BrowserMs is double b ? $"{ChainTrace.Ms(b)} from the click to the answer on screen, {ChainTrace.Ms(trace.BrowserOwnMs)} of it here and on the link; the rest is below." : "the time from the click to the answer on screen, less the web's part."),
                Top),
            new("web", "ContainerLab.Web", "ASP.NET Core, unprivileged", trace?.WebOwnMs,
                "ContainerLab.Web, an unprivileged ASP.NET Core process (Blazor Server). It checks the request against the "
                + "server's ceilings and calls containerlabd's REST API, as the docker CLI calls dockerd's."
                + (trace is null ? "" : $" {ChainTrace.Ms(trace.WebOwnMs)} of its own, {ChainTrace.Ms(trace.WebMs)} with everything below."),
                Top + Row),
            new("daemon", "containerlabd", "root; REST on a unix socket", trace?.DaemonOwnMs,
                "containerlabd runs as root: it validates the request, takes the sandbox's lock, "
                + (start ? "mounts the overlay, writes config.json" : "writes the new resources to a file")
                + ", runs the OCI runtime and reads the result back. One process does the jobs of dockerd, containerd and the shim."
                + (trace?.DaemonMs is double d ? $" {ChainTrace.Ms(trace.DaemonOwnMs)} of its own, {ChainTrace.Ms(d)} in all." : ""),
                Top + 2 * Row),
            new("runtime", RuntimeTitle(runtime), RuntimeSubtitle(runtime), trace?.RuntimeMs,
                $"The OCI runtime, a new process for each call ({runtime}). "
                + (start ? "It makes the namespaces and the cgroup, mounts the root and starts the first process, then exits."
                         : "It writes the new values into the node's cgroup files and exits.")
                + " runc does the same for Docker's shim." + (trace?.RuntimeMs is double r ? $" {ChainTrace.Ms(r)}, process start to exit." : ""),
                Top + 3 * Row),
        ];
        Kernel = new("kernel", "Linux kernel", trace?.KernelWork ?? (start ? "namespaces, cgroups, mounts" : "cgroup files"), trace?.KernelMs,
            "One Linux kernel under both chains. "
            + (start ? "It holds the namespaces, the cgroup and the mounts the sandbox lives in."
                     : "From the write on it enforces the limit itself: no daemon has to keep running for that.")
            + (trace?.KernelWork is { } work ? $" Measured: {work}, {ChainTrace.Ms(trace.KernelMs)}." : ""),
            KernelY);
        OurLinks =
        [
            Link("SignalR over a WebSocket", null, "The page and ContainerLab.Web talk over one WebSocket (SignalR): the click goes up, the new picture comes down.", 0),
            Link("REST over a unix socket", trace?.RestMs, "HTTP over containerlabd's unix socket, there and back" + (trace?.RestMs is double rest ? $": {ChainTrace.Ms(rest)}" : "") + ", with each side's wait for a thread to take the bytes. Docker's CLI talks to /var/run/docker.sock the same way.", 1),
            Link(start ? "fork + exec, config.json" : "fork + exec, resources.json", null, "containerlabd starts the runtime as a child process and hands it a JSON file, as containerd's shim starts runc.", 2),
            Link(start ? "clone, mount, pivot_root" : "write() to cgroupfs", null, start
                ? "System calls: clone with new namespaces, mount, pivot_root, writes to the cgroup's files."
                : "System calls: the runtime writes the limit into files of the cgroup filesystem; the kernel checks and applies it.", 3),
        ];
        const double dockerRow = (KernelY - Top) / 5;
        Docker =
        [
            new("docker-cli", "docker CLI", "a client; exits", null, "The docker command: a client that sends REST calls to dockerd and exits.", Top),
            new("dockerd", "dockerd", "REST on docker.sock", null, "dockerd, the Docker daemon: the API, images, networks, volumes. It asks containerd to run containers.", Top + dockerRow),
            new("containerd", "containerd", "gRPC", null, "containerd manages containers and snapshots (the overlay layers) and starts a shim per container.", Top + 2 * dockerRow),
            new("shim", "containerd-shim-runc-v2", "stays per container", null, "The shim stays for the container's life: it holds its stdio and collects its exit status, so dockerd and containerd can restart.", Top + 3 * dockerRow),
            new("runc", "runc", "OCI runtime; exits", null, "runc, the OCI runtime: creates the namespaces and cgroup, starts the process and exits, as crun does here.", Top + 4 * dockerRow),
        ];
        DockerLinks = [.. Enumerable.Range(0, 5).Select(i => new ChainLink(
            new[] { "REST", "gRPC", "ttrpc", "fork + exec", "syscalls" }[i], null, "", Top + i * dockerRow + DockerBoxHeight,
            i == 4 ? KernelY : Top + (i + 1) * dockerRow))];
        var parts = Kernel.Subtitle.Split(", ", StringSplitOptions.RemoveEmptyEntries);
        KernelLines = parts.Length <= 4 ? parts : [.. parts[..3], string.Join(", ", parts[3..])];
        Longest = Math.Max(0.001, new[] { Ours.Max(h => h.OwnMs ?? 0), Kernel.OwnMs ?? 0, OurLinks.Max(l => l.Ms ?? 0) }.Max());
    }

    /// <summary>"crun update (in the cgroup v1 wrapper)": the call is the title, the remark goes below it.</summary>
    private static string RuntimeTitle(string call) => call.Split(" (", 2)[0];

    private static string RuntimeSubtitle(string call) => call.Split(" (", 2) is [_, var remark]
        ? $"a process per call; {remark.TrimEnd(')')}"
        : "OCI runtime: a process per call";

    private static ChainLink Link(string label, double? ms, string explanation, int index) =>
        new(label, ms, explanation, Top + index * Row + BoxHeight, Top + (index + 1) * Row);
}
