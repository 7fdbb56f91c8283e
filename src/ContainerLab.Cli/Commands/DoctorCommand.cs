using System.CommandLine;

namespace ContainerLab.Cli.Commands;

/// <summary>clabctl doctor: the host's cgroup mode and every requirement, checked by the daemon (which runs as root).</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var doctor = new Command("doctor", "Check that this host can run sandboxes");
        doctor.SetAction(async (parse, cancellationToken) =>
        {
            using var client = GlobalOptions.Client(parse);
            var report = await client.GetDoctorAsync(cancellationToken);
            var info = await client.GetInfoAsync(cancellationToken);
            Console.WriteLine($"cgroups:  {report.CgroupMode}");
            Console.WriteLine($"runtime:  {info.Runtime} ({info.RuntimeVersion})");
            Console.WriteLine($"kernel:   {info.Kernel}");
            Console.WriteLine($"state:    {info.StateDirectory} (cgroup parent {info.CgroupParent})");
            Console.WriteLine($"in use:   {info.Sandboxes} of {info.MaxSandboxes} sandboxes{(info.MaxVmNodes is { } vms ? $" ({info.VmNodes} of {vms} VM nodes)" : "")}; on the host: {info.Footprint.Cgroups} cgroup(s), " +
                $"{info.Footprint.Mounts} mount(s), {info.Footprint.LoopDevices} loop device(s), {info.Footprint.NetworkNamespaces} network namespace(s), {info.Footprint.Processes} sandbox process(es)");
            Console.WriteLine();
            foreach (var check in report.Checks)
                Console.WriteLine($"{(check.Ok ? "ok     " : "MISSING")}  {check.Name}: {check.Detail}");
            return report.Checks.All(c => c.Ok) ? 0 : 1;
        });
        return doctor;
    }
}
