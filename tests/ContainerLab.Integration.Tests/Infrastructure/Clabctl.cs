using System.Diagnostics;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Infrastructure;

/// <summary>The real clabctl (the build's clabctl.dll) against a test daemon, as a user would run it.</summary>
public static class Clabctl
{
    /// <summary>Starts clabctl with <paramref name="args"/>, its stdin closed and its output redirected.</summary>
    public static Process Start(DaemonProcess daemon, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(RepositoryPaths.CliDll);
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["CONTAINERLAB_SOCKET"] = daemon.SocketPath;
        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs clabctl to its exit (failing the test past <paramref name="timeout"/>) and returns what it printed.</summary>
    public static async Task<CommandResult> RunAsync(DaemonProcess daemon, TimeSpan timeout, params string[] args)
    {
        using var process = Start(daemon, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
