using System.Diagnostics;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Processes;

/// <summary>Runs a host tool (ip, nsenter, unshare, the OCI runtime) to completion and captures its output.</summary>
public static class HostCommand
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <paramref name="argv"/>; throws <see cref="RuntimeCommandException"/> on a non-zero exit.</summary>
    public static async Task<Result> RunAsync(IReadOnlyList<string> argv, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var result = await TryRunAsync(argv, stdin, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new RuntimeCommandException(string.Join(' ', argv.Take(3)), result.ExitCode, result.Stderr.Length > 0 ? result.Stderr : result.Stdout);
        return result;
    }

    /// <summary>Runs <paramref name="argv"/> and returns whatever it did, failure included.</summary>
    public static async Task<Result> TryRunAsync(IReadOnlyList<string> argv, string? stdin = null, CancellationToken cancellationToken = default)
    {
        using var process = Start(argv, redirectInput: true);
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Starts <paramref name="argv"/> with stdout and stderr redirected (and stdin when asked).</summary>
    public static Process Start(IReadOnlyList<string> argv, bool redirectInput)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in argv.Skip(1))
            info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new RuntimeCommandException(argv[0], -1, "could not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RuntimeCommandException(argv[0], -1, $"could not start: {e.Message}");
        }
        // System.Diagnostics.Process reaps its own children (and fails fast if someone else did): keep the orphan
        // reaper off this one until Process has collected it.
        int pid = process.Id;
        OrphanReaper.Claim(pid);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => OrphanReaper.Unclaim(pid);
        return process;
    }
}
