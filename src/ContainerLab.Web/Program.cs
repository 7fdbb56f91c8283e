using ContainerLab.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddContainerLabWeb();
var app = builder.Build();
app.UseContainerLabWeb();
app.Run();
