using ContainerLab.Web.Hosting;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddContainerLabWeb();
var app = builder.Build();
app.UseContainerLabWeb();
try
{
    app.Run();
}
catch (OptionsValidationException e) // a setting the admin must fix: say which, exit like a refused command line
{
    Console.Error.WriteLine($"ContainerLab.Web: {string.Join("; ", e.Failures)}");
    return 2;
}
return 0;
