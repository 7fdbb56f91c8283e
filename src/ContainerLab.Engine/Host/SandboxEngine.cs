using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Images;
using ContainerLab.Engine.Runtime;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Host;

/// <summary>Assembles the engine for one host: detects cgroups, picks the runtime, opens the image store, reconciles.</summary>
public static class SandboxEngine
{
    public static async Task<(SandboxService Service, ReconcileReport Reconciled)> StartAsync(EngineOptions options, CancellationToken cancellationToken = default)
    {
        var cgroups = CgroupHierarchyFactory.Open(options.CgroupRoot);
        var runtime = OciRuntimeSelector.Select(options.Runtime, options.RuntimeDirectory,
            hybridWithUnifiedControllers: cgroups.Mode == CgroupMode.Hybrid && cgroups.UnifiedControllers.Count > 0);
        Directory.CreateDirectory(options.StateDirectory);
        StateDirectoryAccess.RequireSearchableByOthers(options.StateDirectory);
        var images = new ImageStore(options.ImagesDirectory, busyboxPath: options.BusyboxPath);
        await BuiltinImages.EnsureBusyboxAsync(images, options.BusyboxPath, cancellationToken).ConfigureAwait(false);
        var service = new SandboxService(options, images, cgroups, runtime);
        var report = await service.ReconcileAsync().ConfigureAwait(false);
        return (service, report);
    }
}
