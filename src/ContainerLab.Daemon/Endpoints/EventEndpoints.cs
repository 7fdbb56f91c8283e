using System.Text.Json;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>
/// /v1/sandboxes/{id}/events: the sandbox's change stream as newline-delimited JSON, like Docker's /events. Each
/// event is written and flushed at once; the response ends when the sandbox is removed or the client goes away.
/// </summary>
internal static class EventEndpoints
{
    public const string ContentType = "application/x-ndjson";
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sandboxes/{id}/events", async (HttpContext context, string id, SandboxService engine) =>
        {
            // Resolved before the first byte: an unknown sandbox is a 404 problem, not an empty stream.
            var events = engine.SubscribeAsync(SandboxName.Require(id, "id"), context.RequestAborted);
            await using var enumerator = events.GetAsyncEnumerator(context.RequestAborted);
            bool first;
            try
            {
                first = await enumerator.MoveNextAsync();
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            context.Response.ContentType = ContentType;
            context.Response.Headers.CacheControl = "no-store";
            try
            {
                for (bool more = first; more; more = await enumerator.MoveNextAsync())
                {
                    await JsonSerializer.SerializeAsync(context.Response.Body, enumerator.Current.ToDto(), ApiJsonContext.Default.SandboxEventDto,
                        context.RequestAborted);
                    await context.Response.Body.WriteAsync(NewLine, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested) { }
        });
        return api;
    }
}
