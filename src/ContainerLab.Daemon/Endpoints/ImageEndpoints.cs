using ContainerLab.Daemon.Hosting;
using ContainerLab.Engine.Images;
using ContainerLab.Engine.Sandboxes;
using Microsoft.AspNetCore.Http.Features;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>/v1/images: list, import (the archive is the request body), remove.</summary>
internal static class ImageEndpoints
{
    public static RouteGroupBuilder MapImageEndpoints(this RouteGroupBuilder api)
    {
        var images = api.MapGroup("/images");
        images.MapGet("", (SandboxService engine) => engine.Images.List().Select(i => i.ToDto()).ToList());
        images.MapPost("/import", async (HttpContext context, string name, string? format, SandboxService engine, DaemonOptions options) =>
        {
            // Archives are large: lift the small JSON body limit for this request only.
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false })
                limit.MaxRequestBodySize = options.MaxImportBytes;
            var image = await engine.Images.ImportAsync(context.Request.Body, name, ParseFormat(format), context.RequestAborted);
            return Results.Created($"/v1/images/{image.Name}", image.ToDto());
        });
        images.MapDelete("/{name}", (string name, bool? force, SandboxService engine) =>
        {
            engine.Images.Remove(name, force ?? false);
            return Results.NoContent();
        });
        return api;
    }

    private static ImageArchiveFormat ParseFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or "auto" => ImageArchiveFormat.Auto,
        "oci" => ImageArchiveFormat.OciLayout,
        "docker" => ImageArchiveFormat.DockerArchive,
        "rootfs" => ImageArchiveFormat.RootfsTar,
        _ => throw new Engine.Errors.InvalidRequestException($"unknown image format '{format}'; use auto, oci, docker or rootfs"),
    };
}
