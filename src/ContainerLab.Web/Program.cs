using ContainerLab.Web.Hosting;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Database;
using ContainerLab.Web.Progress;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddContainerLabWeb();
var app = builder.Build();
app.UseContainerLabWeb();
try
{
    await app.Services.MigrateClassroomDatabaseAsync();
    await app.Services.ImportLegacyProgressAsync();
    await app.Services.PrepareAccountsAsync();
    await app.RunAsync();
}
catch (OptionsValidationException e) // a setting the admin must fix: say which, exit like a refused command line
{
    Console.Error.WriteLine($"ContainerLab.Web: {string.Join("; ", e.Failures)}");
    return 2;
}
catch (DatabaseUnavailableException e) // no progress could be kept: say why (the provider's words)
{
    Console.Error.WriteLine($"ContainerLab.Web: {e.Message}");
    return 2;
}
return 0;
