using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Cgroups;

/// <summary>
/// What only a cgroup v2 machine can show, run in the cgroup v2 guest (scripts/test-cgroup-v2.sh): the guest really is
/// v2 only, the daemon and `clabctl doctor` say so, and lab 3 (cgroups), which teaches both layouts, passes `labs test`
/// there. The rest of the v2 subset is the engine's ordinary tests, run in the guest as they are.
/// </summary>
public sealed class CgroupV2GuestTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [CgroupV2GuestFact]
    public async Task The_guest_has_cgroup2_alone_and_clabctl_doctor_reports_v2()
    {
        string[] mounts = File.ReadAllLines("/proc/self/mounts");
        Assert.Contains(mounts, m => m.Split(' ') is [_, "/sys/fs/cgroup", "cgroup2", ..]);
        Assert.DoesNotContain(mounts, m => m.Split(' ')[2] == "cgroup"); // not one v1 hierarchy (cgroup_no_v1=all)

        var doctor = await Clabctl.RunAsync(fixture.Daemon, TimeSpan.FromMinutes(2), "doctor");
        Assert.True(doctor.ExitCode == 0, doctor.Stdout + doctor.Stderr);
        Assert.Contains("cgroups:  cgroup v2 (unified)", doctor.Stdout);
        Assert.Contains("ok       cgroups: cgroup v2 (unified); memory, pids and cpu controllers available", doctor.Stdout);
    }

    [CgroupV2GuestFact]
    public async Task Lab_3_passes_labs_test_on_cgroup_v2()
    {
        await DebianImage.ImportAsync(fixture.Daemon);
        var result = await Clabctl.RunAsync(fixture.Daemon, TimeSpan.FromMinutes(15), "labs", "test", Path.Combine(RepositoryPaths.Root, "labs", "03-cgroups"));
        string output = result.Stdout + result.Stderr;
        Assert.True(result.ExitCode == 0, output);
        Assert.Matches(@"\d+ step\(s\) ok, 0 failed, in 1 lab\(s\)", output);
    }
}
