using ContainerLab.Engine.Runtime;

namespace ContainerLab.Engine.Tracing;

/// <summary>
/// What one engine operation (a create, a start, a limit change) spent outside the engine's own code, part by part:
/// the OCI runtime processes it ran and the kernel work it did itself, plus what it noticed but did not fail for. The
/// caller hands one in, the operation fills it as it goes, the caller reads it afterwards (containerlabd turns it into
/// a Server-Timing header and log lines). The engine knows nothing of HTTP. One operation at a time: not thread-safe.
/// </summary>
public sealed class OperationTrace
{
    private readonly List<RuntimeRun> _runtimeRuns = [];
    private readonly List<KernelWork> _kernelWork = [];
    private readonly List<string> _warnings = [];

    /// <summary>Every runtime process, in the order they ran (a retried create counts each attempt).</summary>
    public IReadOnlyList<RuntimeRun> RuntimeRuns => _runtimeRuns;

    public IReadOnlyList<KernelWork> KernelWork => _kernelWork;

    /// <summary>Things the operation found wrong but not worth failing it, e.g. limits the kernel holds that differ from those asked.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void Add(RuntimeRun run) => _runtimeRuns.Add(run);

    public void Add(KernelWork work) => _kernelWork.Add(work);

    public void Warn(string warning) => _warnings.Add(warning);
}
