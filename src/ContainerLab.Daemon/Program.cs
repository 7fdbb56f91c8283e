using ContainerLab.Daemon.Hosting;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Sandboxes;

if (DaemonOptions.AsksForHelp(args))
{
    Console.Out.Write(DaemonOptions.Usage);
    return 0;
}

try
{
    var app = await DaemonHostingExtensions.BuildContainerLabDaemonAsync(args);
    // Taken before RunAsync: the service provider is disposed when RunAsync returns.
    var engine = app.Services.GetRequiredService<SandboxService>();
    await app.RunAsync();
    // Graceful stop: remove every sandbox (a restart would reconcile them away anyway).
    await engine.DisposeAsync();
    return 0;
}
catch (ContainerLabException e)
{
    Console.Error.WriteLine($"containerlabd: {e.Message}");
    return 2;
}
