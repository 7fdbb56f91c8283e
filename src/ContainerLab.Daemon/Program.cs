using ContainerLab.Daemon.Hosting;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Sandboxes;

try
{
    var app = await DaemonHostingExtensions.BuildContainerLabDaemonAsync(args);
    await app.RunAsync();
    // Graceful stop: remove every sandbox (a restart would reconcile them away anyway).
    await app.Services.GetRequiredService<SandboxService>().DisposeAsync();
    return 0;
}
catch (ContainerLabException e)
{
    Console.Error.WriteLine($"containerlabd: {e.Message}");
    return 2;
}
