using ContainerLab.Api.Contracts;
using ContainerLab.Daemon.Diagnostics;
using ContainerLab.Daemon.Hosting;
using ContainerLab.Engine.Sandboxes;
using Microsoft.AspNetCore.Http.Features;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>/v1/sandboxes: create, list, inspect (and its network), start, stop, update limits, remove, exec, resize, wait, attach.</summary>
internal static class SandboxEndpoints
{
    public static RouteGroupBuilder MapSandboxEndpoints(this RouteGroupBuilder api)
    {
        var sandboxes = api.MapGroup("/sandboxes");
        sandboxes.MapGet("", (SandboxService engine) => engine.List().Select(s => s.ToDto()).ToList());
        sandboxes.MapPost("", async (CreateSandboxRequest request, bool? start, HttpContext context, SandboxService engine,
            CancellationToken cancellationToken) =>
        {
            var units = LimitUnits.Of(request.Limits);
            var info = await units.SpeakAsync(() =>
                engine.CreateAsync(request.ToSpec(units), start ?? true, context.OperationTrace(), cancellationToken));
            return Results.Created($"/v1/sandboxes/{info.Id}", info.ToDto());
        }).WithServerTiming();
        sandboxes.MapGet("/{id}", (string id, SandboxService engine) => engine.Get(Id(id)).ToDto());
        sandboxes.MapGet("/{id}/inspection", (string id, SandboxService engine) => engine.Inspect(Id(id)).ToDto());
        sandboxes.MapGet("/{id}/network", async (string id, SandboxService engine, CancellationToken cancellationToken) =>
            (await engine.InspectNetworkAsync(Id(id), cancellationToken)).ToDto());
        sandboxes.MapPost("/{id}/start", async (string id, HttpContext context, SandboxService engine) =>
            (await engine.StartAsync(Id(id), context.OperationTrace())).ToDto()).WithServerTiming();
        sandboxes.MapPost("/{id}/stop", async (string id, double? grace, SandboxService engine) =>
            (await engine.StopAsync(Id(id), TimeSpan.FromSeconds(Math.Clamp(grace ?? 0, 0, 60)))).ToDto());
        sandboxes.MapPatch("/{id}/limits", async (string id, UpdateLimitsRequest request, HttpContext context, SandboxService engine,
            CancellationToken cancellationToken) =>
        {
            var units = LimitUnits.Of(request);
            return (await units.SpeakAsync(() =>
                engine.UpdateLimitsAsync(Id(id), request.ToUpdate(units), context.OperationTrace(), cancellationToken))).ToDto();
        }).WithServerTiming();
        sandboxes.MapDelete("/{id}", async (string id, bool? force, SandboxService engine) =>
        {
            await engine.RemoveAsync(Id(id), force ?? false);
            return Results.NoContent();
        });

        sandboxes.MapPost("/{id}/processes", async (string id, HttpContext context, SandboxService engine, DaemonOptions options, CancellationToken cancellationToken) =>
        {
            // An exec may carry a script on stdin (base64 in JSON, 4/3 of its size): lift the small JSON limit for it alone.
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false })
                limit.MaxRequestBodySize = options.MaxJsonBodyBytes + (ExecRequest.MaxStdinBytes + 2) / 3 * 4;
            if (!context.Request.HasJsonContentType())
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                    detail: "an exec request is JSON (Content-Type: application/json)");
            var request = await context.Request.ReadFromJsonAsync(ApiJsonContext.Default.ExecRequest, cancellationToken)
                ?? throw new Engine.Errors.InvalidRequestException("the body must be an exec request ({\"command\": [...]})");
            var process = await engine.ExecAsync(Id(id), request.ToSpec(), cancellationToken);
            return Results.Created($"/v1/sandboxes/{id}/processes/{process.Id}", process.ToDto());
        });
        sandboxes.MapPost("/{id}/processes/{process}/resize", (string id, string process, TerminalSizeDto size, SandboxService engine) =>
        {
            engine.GetIo(Id(id), Id(process)).Resize(DtoMapping.ToSize(size)!.Value);
            return Results.NoContent();
        });
        sandboxes.MapPost("/{id}/processes/{process}/signal", (string id, string process, string? signal, SandboxService engine) =>
        {
            engine.Signal(Id(id), Id(process), signal ?? "KILL");
            return Results.NoContent();
        });
        sandboxes.MapPost("/{id}/processes/{process}/wait", async (string id, string process, SandboxService engine, CancellationToken cancellationToken) =>
            new ExitDto(await engine.WaitAsync(Id(id), Id(process), cancellationToken)));
        sandboxes.MapGet("/{id}/processes/{process}/attach", (HttpContext context, string id, string process, bool? replay, long? window, SandboxService engine) =>
            AttachEndpoint.HandleAsync(context, engine, Id(id), Id(process), replay ?? true, window));
        return api;
    }

    /// <summary>Ids and names share the rule of a DNS label: nothing with '/', '..' or spaces reaches the engine.</summary>
    private static string Id(string value) => SandboxName.Require(value, "id");
}
