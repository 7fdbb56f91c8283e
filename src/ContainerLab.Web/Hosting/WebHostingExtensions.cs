using ContainerLab.Api.Client;
using ContainerLab.Web.Components;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Classes;
using ContainerLab.Web.Database;
using ContainerLab.Web.LabUploads;
using ContainerLab.Web.Operations;
using ContainerLab.Web.Limits;
using ContainerLab.Web.Sandboxes;
using ContainerLab.Web.Sessions;
using ContainerLab.Web.Terminals;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Hosting;

/// <summary>All of the web tier's wiring, so Program.cs stays short (eShop's AddApplicationServices).</summary>
public static class WebHostingExtensions
{
    public static WebApplicationBuilder AddContainerLabWeb(this WebApplicationBuilder builder)
    {
        // Serve build output (scripts/run.sh, tests) in any environment: files such as the scoped CSS bundle live under
        // obj/ until publish, and only this makes the web root see them outside Development. A no-op once published.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section)).PostConfigure(options =>
        {
            if (Environment.GetEnvironmentVariable("CONTAINERLAB_SOCKET") is { Length: > 0 } socket)
                options.Socket = socket;
        }).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new ContainerLabClient(services.GetRequiredService<IOptions<WebOptions>>().Value.Socket));
        builder.Services.AddSingleton<ISandboxHost, DaemonSandboxHost>();
        builder.Services.AddSingleton<SandboxHostErrors>();
        builder.Services.AddSingleton<ContainerLab.Web.Catalogue.LabAvailability>();
        builder.Services.AddSingleton<EffectiveLimitsCache>();
        builder.Services.AddScoped<Components.Kernel.Chain.ChainLog>();
        builder.Services.AddHostedService<EffectiveLimitsWarmup>();
        builder.Services.AddHostedService<PageWarmUp>();
        builder.Services.AddSingleton<SessionRegistry>();
        builder.Services.AddHostedService<SessionReaper>();
        builder.Services.AddSingleton<TerminalRelays>();
        builder.Services.AddSingleton<TerminalTickets>();
        builder.Services.AddSingleton<ContainerLab.Web.Catalogue.LabLibrary>();
        builder.Services.AddClassroomDatabase(builder.Configuration);
        builder.Services.AddClassroomAccounts();
        builder.Services.AddSingleton<ContainerLab.Web.Progress.ProgressLog>();
        builder.Services.AddSingleton<ContainerLab.Web.Classes.ClassDirectory>();
        builder.Services.AddSingleton<ContainerLab.Web.Classes.PracticePolicy>();
        builder.Services.AddSingleton<ContainerLab.Web.Classes.ClassMessages>();
        builder.Services.AddSingleton<ContainerLab.Web.Classes.ClassReach>();
        builder.Services.AddSingleton<TerminalWatch>();
        builder.Services.AddSingleton<LabDrafts>();
        builder.Services.AddOperations();
        builder.Services.AddContainerLabDataProtection();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents(circuit => circuit.DetailedErrors = false);
        builder.Services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = FlowControl.MaxClientMessageBytes;
            hub.EnableDetailedErrors = false;
        });
        return builder;
    }

    public static WebApplication UseContainerLabWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSocketOriginCheck();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSessionEndpoints();
        app.MapAccountEndpoints();
        app.MapClassEndpoints();
        app.MapLabUploadEndpoints();
        app.MapOperations();
        app.MapHub<TerminalHub>(TerminalHub.Path);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
