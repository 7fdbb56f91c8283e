using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Vms;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// KVM or TCG for VM nodes, decided once per daemon by trying (<see cref="EngineOptions.Accelerator"/> "auto"): when the
/// first VM node is asked for, a VM node of its own boots the busybox guest under KVM, confined like any other, and KVM
/// is used only if that guest's agent answers. A /dev/kvm that exists proves nothing: a nested hypervisor's (PVM) makes
/// QEMU abort at its first MSR write, or hangs a stock kernel without one byte on the console.
/// </summary>
public sealed partial class SandboxService
{
    /// <summary>A guest under real KVM answers within a second; a loaded server is given ten times that.</summary>
    private static readonly TimeSpan KvmTrialTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _acceleratorLock = new();
    private Task<VmAccelerator>? _accelerator;

    /// <summary>What VM nodes run under here, and why: the trial's result, run at the first call (then remembered).</summary>
    public Task<VmAccelerator> AcceleratorAsync()
    {
        lock (_acceleratorLock)
            return _accelerator ??= Options.Accelerator switch
            {
                VmAccelerator.Tcg or VmAccelerator.Kvm => Task.FromResult(VmAccelerator.Chosen(Options.Accelerator, $"containerlabd --accelerator {Options.Accelerator}")),
                _ when !File.Exists(Options.KvmDevice) => Task.FromResult(VmAccelerator.NoDevice(Options.KvmDevice)),
                _ => Task.Run(TryKvmAsync),
            };
    }

    private async Task<VmAccelerator> TryKvmAsync()
    {
        var clock = Stopwatch.StartNew();
        SandboxInfo trial;
        try
        {
            trial = await CreateAsync(new SandboxSpec
            {
                Kind = NodeKind.Vm,
                Image = "busybox",
                Name = "kvm-trial",
                Session = "kvm-trial-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
                Accelerator = VmAccelerator.Trial,
                Limits = SandboxLimits.Default with { MemoryBytes = VmNode.MinimumRamBytes },
            }, start: true, cancellationToken: _stopping.Token).ConfigureAwait(false);
        }
        catch (ContainerLabException e)
        {
            return VmAccelerator.Failed(Options.KvmDevice, $"its trial node could not be made ({e.Message})");
        }
        var sandbox = Find(trial.Id);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var console = ReadConsoleAsync(sandbox.Init!.Io, stop.Token);
        try
        {
            var booted = sandbox.Agent!.Ready;
            var ended = sandbox.Init.Handle.Exited;
            var first = await Task.WhenAny(booted, ended, Task.Delay(KvmTrialTimeout, _stopping.Token)).ConfigureAwait(false);
            if (first == booted && booted.IsCompletedSuccessfully)
                return VmAccelerator.Booted(Options.KvmDevice, clock.Elapsed);
            // QEMU's last words may still be on their way through the pty when its exit is seen: the console's reading
            // ends by itself once they are read (bounded, should the pty stay open).
            if (first == ended)
                await Task.WhenAny(console, Task.Delay(TimeSpan.FromSeconds(2), _stopping.Token)).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            string said = await console.ConfigureAwait(false);
            return VmAccelerator.Failed(Options.KvmDevice, first == ended
                ? $"QEMU ended before its guest booted{(said.Length == 0 ? "" : $": \"{said}\"")}"
                : string.Create(CultureInfo.InvariantCulture,
                    $"its guest did not boot in {KvmTrialTimeout.TotalSeconds:0} s ({(said.Length == 0 ? "not one byte on its console" : $"its console's last line: \"{said}\"")})"));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try { await RemoveAsync(trial.Id, force: true).ConfigureAwait(false); }
            catch (ContainerLabException) { } // the daemon is stopping and removed it itself
        }
    }

    /// <summary>
    /// What the console said, read until cancelled or the end: QEMU's first complaint ("qemu-system-x86_64: error: failed
    /// to set MSR 0x10a to 0x69" before its assertion under PVM), else the guest's last line.
    /// </summary>
    private static async Task<string> ReadConsoleAsync(Terminals.ProcessIo io, CancellationToken cancellationToken)
    {
        var seen = new List<byte>();
        try
        {
            await foreach (var chunk in io.ReadAsync(replay: true, cancellationToken).ConfigureAwait(false))
            {
                seen.AddRange(chunk.Data.Span);
                if (seen.Count > 8192)
                    seen.RemoveRange(0, seen.Count - 8192);
            }
        }
        catch (OperationCanceledException) { }
        string[] lines = Encoding.UTF8.GetString([.. seen]).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.FirstOrDefault(l => l.StartsWith("qemu-system-x86_64:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "";
    }
}
