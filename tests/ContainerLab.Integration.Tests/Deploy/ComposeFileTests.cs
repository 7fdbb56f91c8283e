using System.Diagnostics;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Deploy;

/// <summary>docker-compose.yml and deploy/Dockerfile stay valid (scripts/check-compose.sh: Compose v2 where present, else schema + docker-compose 1.x).</summary>
public sealed class ComposeFileTests
{
    [RootFact("root to install the validators (apt docker-compose, npm dclint)")]
    public async Task The_compose_file_and_dockerfile_validate()
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "check-compose.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("OK: docker-compose.yml and deploy/Dockerfile are valid", output);
    }
}
