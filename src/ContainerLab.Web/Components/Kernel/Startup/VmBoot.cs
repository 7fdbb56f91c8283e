using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>
/// A VM node's boot steps as the daemon names them (Engine/Vms/BootTimeline), after the container's start-up steps: which
/// steps are the VM's, and whether the boot is over (the agent's hello, or on a session network the guest taking the
/// node's address). The start-up panel and the kernel panels both follow a boot until then.
/// </summary>
public static class VmBoot
{
    private const string AgentAnswered = "guest agent answered (exec works)", Addressed = "guest took the node's address on its NIC";
    private static readonly string[] Prefixes = ["QEMU started", "guest "];

    public static bool IsBootStep(StartupStepDto step) => Prefixes.Any(p => step.Name.StartsWith(p, StringComparison.Ordinal));

    public static bool IsDone(IReadOnlyList<StartupStepDto> steps, bool onSessionNetwork) =>
        steps.Any(s => s.Name == (onSessionNetwork ? Addressed : AgentAnswered));

    public static bool IsDone(SandboxDto sandbox) => IsDone(sandbox.Startup, sandbox.Network == "session");
}
