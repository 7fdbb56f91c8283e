using ContainerLab.Engine.Inspection;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    /// <summary>
    /// The sandbox as the kernel sees it now: every process in its cgroup (including ones a student started in
    /// nested namespaces) with their namespaces, the cgroup's limits and usage, the layers and the writable layer's changes.
    /// </summary>
    public SandboxInspection Inspect(string idOrName)
    {
        var sandbox = Find(idOrName);
        var cgroup = Cgroups.Open(sandbox.CgroupPath);
        // The cgroup holds every process of the sandbox, wherever in its process tree or namespaces it is.
        var pids = cgroup.Exists ? cgroup.ReadMembers() : [];
        var (processes, namespaces) = ProcessInspector.Inspect(pids, sandbox.Init?.Running == true ? sandbox.Init.Handle.Pid : null);
        var image = sandbox.Image;
        var layers = image is null
            ? []
            : image.Layers.Select(l => new InspectedLayer(l.DiffId, l.Size, l.FileCount, l.CreatedBy)).ToList();
        var filesystem = FilesystemInspector.Inspect(sandbox.Snapshot.Upper, image?.Layers.Select(l => l.Path).ToList() ?? [], layers);
        return new SandboxInspection(DateTimeOffset.UtcNow, processes, namespaces, CgroupInspector.Inspect(cgroup), filesystem);
    }
}
