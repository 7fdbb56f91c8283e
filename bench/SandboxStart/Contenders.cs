using System.Diagnostics;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Bench.SandboxStart;

/// <summary>One way of getting `sleep 3600` running in a fresh container; a run is timed, its cleanup is not.</summary>
internal sealed record Contender(string Name, string Measures, bool Diagnostic, Func<string, Task<double>> RunOnceAsync)
{
    public Samples Samples { get; } = new(Name);
}

internal static class Contenders
{
    public static CreateSandboxRequest SleepRequest { get; } = new() { Image = "busybox", Command = ["sleep", "3600"] };

    /// <summary>containerlabd: POST /v1/sandboxes?start=true returns when the runtime's start returned (first process running).</summary>
    public static Contender Api(ContainerLabClient client, StepBreakdown steps, Samples removes) =>
        new("containerlab API", "client.CreateSandboxAsync(start: true)", false, async _ =>
        {
            long start = Stopwatch.GetTimestamp();
            var sandbox = await client.CreateSandboxAsync(SleepRequest, start: true).ConfigureAwait(false);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (sandbox.State != "running" || sandbox.Pid is null)
                throw new InvalidOperationException($"sandbox {sandbox.Id} is {sandbox.State} after create");
            steps.Add(ms, sandbox.Startup);
            long removeStart = Stopwatch.GetTimestamp();
            await client.RemoveSandboxAsync(sandbox.Id, force: true).ConfigureAwait(false);
            removes.Add(Stopwatch.GetElapsedTime(removeStart).TotalMilliseconds);
            return ms;
        });

    /// <summary>`RUNTIME run -d`: spawn to the runtime's exit, the container's process then runs detached.</summary>
    public static Contender RunDetached(string name, bool diagnostic, RuntimeCommand runtime, string bundle) =>
        new(name, $"{runtime.Name} run -d" + (runtime.HidesUnifiedCgroupMount ? " (hybrid-host unshare wrapper)" : ""), diagnostic, async id =>
        {
            var (ms, process) = await runtime.TimeAsync("run", "-d", "--bundle", bundle, id).ConfigureAwait(false);
            await runtime.DeleteAsync(id).ConfigureAwait(false);
            process.Dispose();
            return ms;
        });

    /// <summary>`RUNTIME create` then `RUNTIME start`, two runtime processes as the engine does (without the engine).</summary>
    public static Contender CreateThenStart(string name, RuntimeCommand runtime, string bundle) =>
        new(name, $"{runtime.Name} create + {runtime.Name} start, back to back", true, async id =>
        {
            var (create, process) = await runtime.TimeAsync("create", "--bundle", bundle, id).ConfigureAwait(false);
            var (start, startProcess) = await runtime.TimeAsync("start", id).ConfigureAwait(false);
            startProcess.Dispose();
            await runtime.DeleteAsync(id).ConfigureAwait(false);
            process.Dispose();
            return create + start;
        });
}
