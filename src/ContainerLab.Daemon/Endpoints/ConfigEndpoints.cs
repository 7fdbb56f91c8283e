using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>/v1/sandboxes/{id}/config: the OCI config.json the runtime was given for a sandbox.</summary>
internal static class ConfigEndpoints
{
    public static RouteGroupBuilder MapConfigEndpoints(this RouteGroupBuilder api)
    {
        // The file's bytes, not a DTO: the point is to show exactly what crun or runc read, key order and all.
        api.MapGet("/sandboxes/{id}/config", (string id, SandboxService engine) =>
            Results.Bytes(engine.ReadRuntimeConfig(SandboxName.Require(id, "id")), "application/json"));
        return api;
    }
}
