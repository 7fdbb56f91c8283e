using ContainerLab.Api.Client;
using ContainerLab.Bench.TerminalRelay;
using ContainerLab.Bench.TerminalRelay.Circuit;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

// bench/terminal's comparison server: --mode bare (raw WebSocket relay) or circuit (Blazor Server JS interop relay),
// --socket DAEMON_SOCKET, --assets DIR (ContainerLab.Web's built wwwroot: lib/xterm, _framework/blazor.web.js); the rest
// (e.g. --urls http://127.0.0.1:0) goes to ASP.NET Core. Started and stopped by bench/terminal/run.sh.
string Flag(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required");
string mode = Flag("--mode"), socket = Flag("--socket"), assets = Path.GetFullPath(Flag("--assets"));
if (mode is not ("bare" or "circuit"))
    throw new ArgumentException("--mode must be bare or circuit");

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddSingleton(new ContainerLabClient(socket));
if (mode == "circuit")
    builder.Services.AddRazorComponents().AddInteractiveServerComponents(circuit => circuit.DetailedErrors = true);
var app = builder.Build();

var types = new FileExtensionContentTypeProvider();
types.Mappings[".mjs"] = "text/javascript";
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new CompositeFileProvider(new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "pages")), new PhysicalFileProvider(assets)),
    ContentTypeProvider = types,
});
if (mode == "bare")
{
    app.UseWebSockets();
    app.MapGet("/", () => Results.File(Path.Combine(AppContext.BaseDirectory, "pages", "bare.html"), "text/html"));
    app.Map("/ws", BareRelayEndpoint.HandleAsync);
    app.MapGet("/start", () => Results.File(Path.Combine(AppContext.BaseDirectory, "pages", "start.html"), "text/html"));
    app.MapPost("/start", StartEndpoint.HandleAsync);
}
else
{
    app.UseAntiforgery();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
}
app.Run();
