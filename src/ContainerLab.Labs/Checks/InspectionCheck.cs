using System.Globalization;
using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Checks;

/// <summary>The declarative checks, evaluated against a node's inspection: pure, so every rule is unit-tested.</summary>
public static class InspectionCheck
{
    public static CheckResult Evaluate(LabCheck check, InspectionDto inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var result = check switch
        {
            NamespaceCheck ns => Namespace(ns, inspection),
            LimitCheck limit => Limit(limit, inspection.Cgroup),
            OomKillCheck oom => inspection.Cgroup.OomKills >= oom.AtLeast
                ? new CheckResult(true, $"{oom.Node}: {inspection.Cgroup.OomKills} OOM kill(s)")
                : new CheckResult(false, $"{oom.Node}'s cgroup counted {inspection.Cgroup.OomKills} OOM kill(s); this step wants at least {oom.AtLeast}"),
            FileChangeCheck file => FileChange(file, inspection.Filesystem),
            ProcessCheck process => Process(process, inspection.Processes),
            _ => throw new ArgumentException($"{check.GetType().Name} is not evaluated against an inspection", nameof(check)),
        };
        return result.Passed || check.Message is null ? result : result with { Message = check.Message };
    }

    private static CheckResult Namespace(NamespaceCheck check, InspectionDto inspection)
    {
        var own = inspection.Namespaces.Where(n => n.Kind == check.Kind && !n.IsHost && !n.IsSandboxInit).ToList();
        if (check.Nested)
            return own.Count > 0
                ? new CheckResult(true, $"{check.Node}: a {check.Kind} namespace of your own ({check.Kind}:[{own[0].Inode}]) with {own[0].HostPids.Count} process(es)")
                : new CheckResult(false, $"no process of {check.Node} is in a {check.Kind} namespace of its own yet: all are in the node's (or the host's)");
        return own.Count == 0
            ? new CheckResult(true, $"{check.Node}: no {check.Kind} namespace besides the node's")
            : new CheckResult(false, $"{check.Node} still has {own.Count} {check.Kind} namespace(s) of its own; leave them (exit) first");
    }

    private static CheckResult Limit(LimitCheck check, InspectedCgroupDto cgroup)
    {
        double? value = check.Resource switch
        {
            LimitResource.Memory => cgroup.MemoryLimitBytes,
            LimitResource.Pids => cgroup.PidsLimit,
            _ => cgroup.CpuLimitCores,
        };
        Func<double, string> show = check.Resource switch
        {
            LimitResource.Memory => v => ByteSize.Format((long)v),
            LimitResource.Pids => v => v.ToString("0", CultureInfo.InvariantCulture),
            _ => v => v.ToString("0.##", CultureInfo.InvariantCulture) + " CPU",
        };
        string what = check.Resource switch { LimitResource.Memory => "memory limit", LimitResource.Pids => "pids limit", _ => "CPU limit" };
        string wanted = string.Join(" and ", new[]
        {
            check.AtMost is double most ? $"at most {show(most)}" : null,
            check.AtLeast is double least ? $"at least {show(least)}" : null,
        }.OfType<string>());
        if (value is not double limit)
            return new CheckResult(false, $"{check.Node} has no {what} (unlimited); this step wants {wanted}");
        bool ok = (check.AtMost is not double max || limit <= max) && (check.AtLeast is not double min || limit >= min);
        return new CheckResult(ok, ok ? $"{check.Node}'s {what} is {show(limit)}" : $"{check.Node}'s {what} is {show(limit)}; this step wants {wanted}");
    }

    private static CheckResult FileChange(FileChangeCheck check, InspectedFilesystemDto filesystem)
    {
        var change = filesystem.Changes.FirstOrDefault(c => c.Path == check.Path);
        if (change?.Kind == check.Change)
            return new CheckResult(true, $"{check.Path} is {check.Change} in {check.Node}'s writable layer");
        string now = change is null ? "not in the writable layer" : $"{change.Kind} in the writable layer";
        string hint = filesystem.ChangesTruncated && change is null ? " (the writable layer has too many changes to list them all)" : "";
        return new CheckResult(false, $"{check.Path} is {now}; this step wants it {check.Change}{hint}");
    }

    private static CheckResult Process(ProcessCheck check, IReadOnlyList<InspectedProcessDto> processes)
    {
        var found = processes.Where(p => p.Command == check.Command).ToList();
        if (check.Running)
            return found.Count > 0
                ? new CheckResult(true, $"{check.Command} runs in {check.Node} (pid {found[0].SandboxPid?.ToString(CultureInfo.InvariantCulture) ?? "?"} inside, {found[0].HostPid} on the host)")
                : new CheckResult(false, $"no process '{check.Command}' runs in {check.Node}");
        return found.Count == 0
            ? new CheckResult(true, $"no '{check.Command}' runs in {check.Node}")
            : new CheckResult(false, $"'{check.Command}' still runs in {check.Node} ({found.Count} process(es))");
    }
}
