using Microsoft.Extensions.Logging;

namespace ContainerLab.Daemon.Diagnostics;

/// <summary>containerlabd's log messages, source-generated with stable event ids.</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(1, LogLevel.Information, "containerlabd listening on {SocketPath} (state {StateDirectory}, runtime {Runtime}, cgroups {CgroupMode})")]
    public static partial void Listening(ILogger logger, string socketPath, string stateDirectory, string runtime, string cgroupMode);

    [LoggerMessage(2, LogLevel.Information, "Reconciled leftovers of an earlier run: {Sandboxes} sandbox(es), {RuntimeStates} runtime state(s), {Cgroups} cgroup(s), {Networks} network(s)")]
    public static partial void Reconciled(ILogger logger, int sandboxes, int runtimeStates, int cgroups, int networks);

    [LoggerMessage(3, LogLevel.Warning, "Reconciliation could not remove everything: {Error}")]
    public static partial void ReconcileError(ILogger logger, string error);

    [LoggerMessage(4, LogLevel.Warning, "Socket group '{Group}' does not exist; socket {SocketPath} is accessible to root only")]
    public static partial void NoSocketGroup(ILogger logger, string group, string socketPath);

    [LoggerMessage(5, LogLevel.Error, "Request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(6, LogLevel.Information, "Built-in image {Image} ready ({Milliseconds} ms)")]
    public static partial void BuiltinImageReady(ILogger logger, string image, long milliseconds);

    [LoggerMessage(7, LogLevel.Information, "Shutting down: removing {Count} sandbox(es)")]
    public static partial void ShuttingDown(ILogger logger, int count);

    [LoggerMessage(8, LogLevel.Warning, "Could not notify systemd on {NotifySocket} ({State})")]
    public static partial void NotifyFailed(ILogger logger, Exception exception, string notifySocket, string state);

    [LoggerMessage(11, LogLevel.Information, "Start path warmed up by a throwaway sandbox ({Milliseconds} ms)")]
    public static partial void WarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(9, LogLevel.Warning, "The warm-up sandbox failed ({Milliseconds} ms): {Error}; the first student's start will be slower, and may fail the same way")]
    public static partial void WarmUpFailed(ILogger logger, long milliseconds, string error);

    [LoggerMessage(10, LogLevel.Error, "Cannot listen on {SocketPath}: {Error}; stopping")]
    public static partial void SocketTaken(ILogger logger, string socketPath, string error);

    [LoggerMessage(12, LogLevel.Warning, "{Method} {Path}: {Warning}")]
    public static partial void OperationWarning(ILogger logger, string method, string path, string warning);
}
