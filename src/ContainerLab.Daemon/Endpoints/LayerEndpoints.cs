using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>/v1/sandboxes/{id}/layers: the files of one layer of a sandbox's root filesystem, one directory at a time.</summary>
internal static class LayerEndpoints
{
    public static RouteGroupBuilder MapLayerEndpoints(this RouteGroupBuilder api)
    {
        // index: 0 is the image's bottom layer, the number of image layers the writable layer. path defaults to the root.
        api.MapGet("/sandboxes/{id}/layers/{index}/files", (string id, int index, string? path, SandboxService engine) =>
            engine.ListLayerDirectory(SandboxName.Require(id, "id"), index, path ?? "/").ToDto());
        return api;
    }
}
