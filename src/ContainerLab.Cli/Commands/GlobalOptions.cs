using System.CommandLine;
using ContainerLab.Api.Client;

namespace ContainerLab.Cli.Commands;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Socket = new("--socket")
    {
        Description = "containerlabd's unix socket (default: $CONTAINERLAB_SOCKET or " + ContainerLabClient.DefaultSocketPath + ")",
        Recursive = true,
    };

    public static ContainerLabClient Client(ParseResult parse) =>
        new(ContainerLabClient.ResolveSocketPath(parse.GetValue(Socket)));
}
