using System.Net.Sockets;
using ContainerLab.Api.Contracts;
using ContainerLab.Daemon.Diagnostics;
using ContainerLab.Daemon.Endpoints;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Host;
using ContainerLab.Engine.Sandboxes;
using Microsoft.AspNetCore.Http.Json;
using System.Text.Json.Serialization;

namespace ContainerLab.Daemon.Hosting;

/// <summary>All of containerlabd's wiring, so Program.cs stays short.</summary>
internal static class DaemonHostingExtensions
{
    public static async Task<WebApplication> BuildContainerLabDaemonAsync(string[] args)
    {
        var options = DaemonOptions.Parse(args, Environment.GetEnvironmentVariable);
        var systemd = SystemdNotifier.FromEnvironment(Environment.GetEnvironmentVariable);
        // NOTIFY_SOCKET is for this process only (sd_notify's unset_environment): crun and runc, which inherit the
        // daemon's environment, treat it as "the container speaks sd_notify" and `run --detach` then waits for a READY=1
        // that a student's shell never sends, so every start would hang under the Type=notify unit.
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
        var builder = WebApplication.CreateSlimBuilder();
        PrepareSocket(options.SocketPath);
        // Kestrel listens on a private path first; the socket appears under its real name (rename(2), atomic: a client
        // either finds no socket or a warm daemon) once the start path is warmed up (StartPathWarmUp).
        string warmingPath = options.SocketPath + ".warming";
        File.Delete(warmingPath);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(warmingPath);
            kestrel.Limits.MaxRequestBodySize = options.MaxJsonBodyBytes;
        });
        builder.Services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(options);
        // One line per request is noise for a local daemon; its own events are logged by DaemonLog.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        var (engine, reconciled) = await SandboxEngine.StartAsync(options.Engine);
        builder.Services.AddSingleton(engine);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseWebSockets();
        app.MapGroup("/v1").MapHostEndpoints().MapImageEndpoints().MapSandboxEndpoints().MapEventEndpoints().MapConfigEndpoints()
            .MapLayerEndpoints();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("containerlabd");
        DaemonLog.Reconciled(logger, reconciled.Sandboxes, reconciled.RuntimeStates, reconciled.Cgroups, reconciled.Networks);
        foreach (string error in reconciled.Errors)
            DaemonLog.ReconcileError(logger, error);
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            var (elapsed, error) = await StartPathWarmUp.RunAsync(warmingPath, app.Lifetime.ApplicationStopping);
            if (error is null)
                DaemonLog.WarmedUp(logger, (long)elapsed.TotalMilliseconds);
            else
                DaemonLog.WarmUpFailed(logger, (long)elapsed.TotalMilliseconds, error);
            if (app.Lifetime.ApplicationStopping.IsCancellationRequested)
                return;
            try
            {
                File.Move(warmingPath, options.SocketPath);
            }
            catch (IOException e) // another daemon took the name meanwhile: two would share sandboxes' names and cgroups
            {
                DaemonLog.SocketTaken(logger, options.SocketPath, e.Message);
                app.Lifetime.StopApplication();
                return;
            }
            if (!SocketPermissions.Apply(options.SocketPath, options.SocketGroup))
                DaemonLog.NoSocketGroup(logger, options.SocketGroup, options.SocketPath);
            string runtime = engine.Runtime.Kind.ToString().ToLowerInvariant();
            string cgroups = HostDoctor.Describe(engine.Cgroups);
            DaemonLog.Listening(logger, options.SocketPath, options.Engine.StateDirectory, runtime, cgroups);
            // Ready only now: the socket has its real name and the start path is warm.
            Notify(systemd, logger, $"READY=1\nSTATUS=listening on {options.SocketPath}, runtime {runtime}, {cgroups}");
        }));
        // Kestrel removes only the path it bound (the warming one); the socket's real name is removed here.
        app.Lifetime.ApplicationStopped.Register(() => File.Delete(options.SocketPath));
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            int sandboxes = engine.List().Count;
            DaemonLog.ShuttingDown(logger, sandboxes);
            Notify(systemd, logger, $"STOPPING=1\nSTATUS=removing {sandboxes} sandbox(es)");
        });
        return app;
    }

    private static void Notify(SystemdNotifier? systemd, ILogger logger, string state)
    {
        if (systemd is null)
            return;
        try { systemd.Notify(state); }
        catch (SocketException e) { DaemonLog.NotifyFailed(logger, e, systemd.Address, state.Split('\n')[0]); }
    }

    /// <summary>Removes a stale socket file left by a crashed daemon; refuses when a live daemon answers on it.</summary>
    private static void PrepareSocket(string socketPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        if (!File.Exists(socketPath))
            return;
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            throw new ConflictException($"another containerlabd is listening on {socketPath}");
        }
        catch (SocketException)
        {
            File.Delete(socketPath);
        }
    }
}
