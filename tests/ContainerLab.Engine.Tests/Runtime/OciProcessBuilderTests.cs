using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Tests.Runtime;

public sealed class OciProcessBuilderTests
{
    private static readonly string[] DockerDefaultMinusSetfcap =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private static readonly string[] NeverGranted =
    [
        "CAP_SYS_ADMIN", "CAP_SYS_MODULE", "CAP_SYS_PTRACE", "CAP_SYS_RAWIO", "CAP_SYS_TIME", "CAP_NET_ADMIN",
        "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE", "CAP_BPF",
        "CAP_PERFMON", "CAP_SYSLOG", "CAP_DAC_READ_SEARCH", "CAP_LINUX_IMMUTABLE", "CAP_SYS_PACCT",
    ];

    [Fact]
    public void Args_are_the_spec_command_else_the_image_command_else_sh()
    {
        var layout = SandboxFixtures.Layout();

        Assert.Equal(["/bin/sh", "-c", "echo hi"], OciProcessBuilder.ForInit(SandboxFixtures.Spec(), layout).Args);
        Assert.Equal(["/bin/httpd", "-f"], OciProcessBuilder.ForInit(SandboxFixtures.Spec() with { Command = [] }, layout).Args);
        Assert.Equal(["/bin/sh"], OciProcessBuilder.ForInit(SandboxFixtures.Spec() with { Command = [] }, layout with { ImageCommand = [] }).Args);
    }

    [Fact]
    public void The_first_process_starts_in_the_specs_directory_else_the_images_and_an_exec_without_one_starts_there_too()
    {
        var none = new Dictionary<string, string>();
        var layout = SandboxFixtures.Layout() with { ImageWorkingDirectory = "/srv/app" };
        var named = SandboxFixtures.Spec() with { WorkingDirectory = "/root" };
        var unnamed = SandboxFixtures.Spec() with { WorkingDirectory = null };

        Assert.Equal("/root", OciProcessBuilder.ForInit(named, layout).Cwd);
        Assert.Equal("/srv/app", OciProcessBuilder.ForInit(unnamed, layout).Cwd);
        Assert.Equal("/root", OciProcessBuilder.ForExec(named, layout, ["/bin/sh"], true, null, none).Cwd);
        Assert.Equal("/srv/app", OciProcessBuilder.ForExec(unnamed, layout, ["/bin/sh"], true, null, none).Cwd);
        Assert.Equal("/tmp", OciProcessBuilder.ForExec(named, layout, ["/bin/sh"], true, "/tmp", none).Cwd);
    }

    [Fact]
    public void With_an_init_pid_1_is_tini_in_front_of_the_command_mounted_read_only_at_dev_init_and_execs_are_not_wrapped()
    {
        var layout = SandboxFixtures.Layout() with { InitBinary = "/usr/bin/tini-static" };

        Assert.Equal(["/dev/init", "--", "/bin/sh", "-c", "echo hi"], OciProcessBuilder.ForInit(SandboxFixtures.Spec(), layout).Args);
        var mount = Assert.Single(DefaultMounts.For(layout), m => m.Destination == "/dev/init");
        Assert.Equal(("bind", "/usr/bin/tini-static"), (mount.Type, mount.Source));
        Assert.Contains("ro", mount.Options!);
        Assert.Contains("nosuid", mount.Options!);
        var order = DefaultMounts.For(layout).Select(m => m.Destination).ToList();
        Assert.True(order.IndexOf("/dev") < order.IndexOf("/dev/init"), "the init is mounted on the sandbox's /dev tmpfs, after it");
        var exec = OciProcessBuilder.ForExec(SandboxFixtures.Spec(), layout, ["ps"], false, "/", new Dictionary<string, string>());
        Assert.Equal(["ps"], exec.Args);
        Assert.DoesNotContain(DefaultMounts.For(SandboxFixtures.Layout()), m => m.Destination == "/dev/init");
    }

    [Fact]
    public void Env_is_defaults_then_image_then_spec_overriding_by_key_in_first_seen_order()
    {
        var spec = SandboxFixtures.Spec() with
        {
            Tty = true,
            Environment = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["EDITOR"] = "vi", ["HOSTNAME"] = "custom" },
        };

        var env = OciProcessBuilder.ForInit(spec, SandboxFixtures.Layout()).Env;

        Assert.Equal(["PATH=/image/bin:/bin", "TERM=xterm-256color", "HOSTNAME=custom", "LANG=de_DE.UTF-8", "EDITOR=vi"], env);
    }

    [Fact]
    public void Without_tty_there_is_no_term_and_the_default_path()
    {
        var env = OciProcessBuilder.ForInit(SandboxFixtures.Spec(), SandboxFixtures.Layout() with { ImageEnvironment = [] }).Env;

        Assert.Equal([ProcessEnvironment.DefaultPath, "HOSTNAME=web"], env);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    [InlineData("A\0")]
    public void Invalid_variable_names_are_refused(string key)
    {
        var spec = SandboxFixtures.Spec() with { Environment = new Dictionary<string, string> { [key] = "x" } };

        Assert.Throws<InvalidRequestException>(() => OciProcessBuilder.ForInit(spec, SandboxFixtures.Layout()));
    }

    [Fact]
    public void An_image_env_entry_without_equals_is_refused()
    {
        var layout = SandboxFixtures.Layout() with { ImageEnvironment = ["JUSTAKEY"] };

        Assert.Throws<InvalidRequestException>(() => OciProcessBuilder.ForInit(SandboxFixtures.Spec(), layout));
    }

    [Fact]
    public void Init_runs_as_root_of_the_user_namespace_without_new_privileges()
    {
        var process = OciProcessBuilder.ForInit(SandboxFixtures.Spec(), SandboxFixtures.Layout());

        Assert.Equal(0u, process.User.Uid);
        Assert.Equal(0u, process.User.Gid);
        Assert.Empty(process.User.AdditionalGids!);
        Assert.True(process.NoNewPrivileges);
        Assert.Equal("/root", process.Cwd);
        var rlimit = Assert.Single(process.Rlimits!);
        Assert.Equal(new OciRlimit { Type = "RLIMIT_NOFILE", Soft = 2048, Hard = 2048 }, rlimit);
    }

    [Fact]
    public void Terminal_and_console_size_follow_the_spec()
    {
        var spec = SandboxFixtures.Spec() with { Tty = true, TerminalSize = new TerminalSize(Columns: 120, Rows: 40) };

        var process = OciProcessBuilder.ForInit(spec, SandboxFixtures.Layout());

        Assert.True(process.Terminal);
        Assert.Equal(new OciConsoleSize { Width = 120, Height = 40 }, process.ConsoleSize);
        Assert.False(OciProcessBuilder.ForInit(SandboxFixtures.Spec(), SandboxFixtures.Layout()).Terminal);
        Assert.Null(OciProcessBuilder.ForInit(SandboxFixtures.Spec(), SandboxFixtures.Layout()).ConsoleSize);
    }

    [Fact]
    public void Default_gets_dockers_capabilities_without_setfcap_in_bounding_effective_permitted_only()
    {
        var caps = OciProcessBuilder.ForInit(SandboxFixtures.Spec(), SandboxFixtures.Layout()).Capabilities!;

        Assert.Equal(DockerDefaultMinusSetfcap.Order(), caps.Bounding.Order());
        Assert.Equal(caps.Bounding, caps.Effective);
        Assert.Equal(caps.Bounding, caps.Permitted);
        Assert.Empty(caps.Inheritable);
        Assert.Empty(caps.Ambient);
    }

    [Fact]
    public void Internals_adds_setfcap_and_nothing_else()
    {
        var caps = OciProcessBuilder.ForInit(SandboxFixtures.Spec(PrivilegeProfile.Internals), SandboxFixtures.Layout()).Capabilities!;

        Assert.Equal(DockerDefaultMinusSetfcap.Append("CAP_SETFCAP").Order(), caps.Bounding.Order());
        Assert.Empty(caps.Inheritable);
        Assert.Empty(caps.Ambient);
    }

    [Theory]
    [InlineData(PrivilegeProfile.Default)]
    [InlineData(PrivilegeProfile.Internals)]
    public void Dangerous_capabilities_are_never_granted(PrivilegeProfile profile)
    {
        var caps = OciProcessBuilder.ForInit(SandboxFixtures.Spec(profile), SandboxFixtures.Layout()).Capabilities!;

        foreach (var cap in NeverGranted)
        {
            Assert.DoesNotContain(cap, caps.Bounding);
            Assert.DoesNotContain(cap, caps.Effective);
            Assert.DoesNotContain(cap, caps.Permitted);
        }
    }

    [Theory]
    [InlineData(PrivilegeProfile.Default)]
    [InlineData(PrivilegeProfile.Internals)]
    public void Exec_mirrors_the_init_privileges(PrivilegeProfile profile)
    {
        var spec = SandboxFixtures.Spec(profile);
        var init = OciProcessBuilder.ForInit(spec, SandboxFixtures.Layout());

        var exec = OciProcessBuilder.ForExec(spec, SandboxFixtures.Layout(), ["/bin/ls", "-l"], tty: true, "/tmp", new Dictionary<string, string>());

        Assert.Equal((init.User.Uid, init.User.Gid), (exec.User.Uid, exec.User.Gid));
        Assert.Equal(init.User.AdditionalGids!, exec.User.AdditionalGids!);
        Assert.Equal(init.Capabilities!.Bounding, exec.Capabilities!.Bounding);
        Assert.Equal(init.Capabilities.Effective, exec.Capabilities.Effective);
        Assert.Equal(init.Capabilities.Permitted, exec.Capabilities.Permitted);
        Assert.Empty(exec.Capabilities.Inheritable);
        Assert.Empty(exec.Capabilities.Ambient);
        Assert.Equal(init.Rlimits, exec.Rlimits);
        Assert.True(exec.NoNewPrivileges);
        Assert.Equal(["/bin/ls", "-l"], exec.Args);
        Assert.Equal("/tmp", exec.Cwd);
        Assert.True(exec.Terminal);
    }

    [Fact]
    public void Exec_console_size_is_set_only_with_a_terminal()
    {
        var size = new TerminalSize(Columns: 100, Rows: 30);
        var none = new Dictionary<string, string>();

        var withTty = OciProcessBuilder.ForExec(SandboxFixtures.Spec(), SandboxFixtures.Layout(), ["/bin/sh"], tty: true, "/", none, size);
        var withoutTty = OciProcessBuilder.ForExec(SandboxFixtures.Spec(), SandboxFixtures.Layout(), ["/bin/sh"], tty: false, "/", none, size);

        Assert.Equal(new OciConsoleSize { Width = 100, Height = 30 }, withTty.ConsoleSize);
        Assert.Contains("TERM=xterm-256color", withTty.Env);
        Assert.Null(withoutTty.ConsoleSize);
        Assert.DoesNotContain(withoutTty.Env, e => e.StartsWith("TERM=", StringComparison.Ordinal));
    }

    [Fact]
    public void Exec_env_is_the_sandbox_env_overridden_by_the_exec_env()
    {
        var spec = SandboxFixtures.Spec() with { Environment = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["A"] = "1" } };

        var exec = OciProcessBuilder.ForExec(spec, SandboxFixtures.Layout(), ["/bin/sh"], tty: false, "/",
            new Dictionary<string, string> { ["A"] = "2", ["B"] = "3" });

        Assert.Equal(["PATH=/image/bin:/bin", "HOSTNAME=web", "LANG=de_DE.UTF-8", "A=2", "B=3"], exec.Env);
    }

    [Fact]
    public void Exec_needs_a_command_and_an_absolute_working_directory()
    {
        var spec = SandboxFixtures.Spec();
        var none = new Dictionary<string, string>();

        Assert.Throws<InvalidRequestException>(() => OciProcessBuilder.ForExec(spec, SandboxFixtures.Layout(), [], false, "/", none));
        Assert.Throws<InvalidRequestException>(() => OciProcessBuilder.ForExec(spec, SandboxFixtures.Layout(), ["ls"], false, "tmp", none));
    }
}
