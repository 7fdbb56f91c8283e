using ContainerLab.Web.Components;

namespace ContainerLab.Web.Hosting;

/// <summary>All of the web tier's wiring, so Program.cs stays short (eShop's AddApplicationServices).</summary>
public static class WebHostingExtensions
{
    public static WebApplicationBuilder AddContainerLabWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }

    public static WebApplication UseContainerLabWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
