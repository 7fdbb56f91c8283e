using System.CommandLine;
using ContainerLab.Api.Client;
using ContainerLab.Cli.Commands;

var root = new RootCommand("clabctl: the command-line client of containerlabd")
{
    GlobalOptions.Socket,
    RunCommand.Create(),
    ExecCommand.Create(),
    PsCommand.Create(),
    RmCommand.Create(),
    UpdateCommand.Create(),
    ImagesCommand.Create(),
    DoctorCommand.Create(),
    LabsCommand.Create(),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ContainerLabApiException e)
{
    Console.Error.WriteLine($"clabctl: {e.Detail}");
    return 125;
}
catch (Exception e) when (e is HttpRequestException or FormatException or IOException or System.Net.WebSockets.WebSocketException)
{
    Console.Error.WriteLine($"clabctl: {e.Message}");
    return 125;
}
