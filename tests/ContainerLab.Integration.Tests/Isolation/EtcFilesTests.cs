using ContainerLab.Api.Contracts;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// /etc/hosts and /etc/hostname are the sandbox's own files (as in Docker): root inside edits them, and when the
/// session network renames its members the student's lines stay.
/// </summary>
public sealed class EtcFilesTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user and network namespaces, iproute2";

    [RootFact(Requirement)]
    public async Task Root_inside_edits_its_etc_hosts_and_etc_hostname()
    {
        await using var sandbox = await fixture.StartAsync();

        // The student's line is found by its address: the sandbox's own line carries its random hex name, which
        // can contain "db".
        var result = await sandbox.ShAsync("""
            echo "10.0.0.9	db" >> /etc/hosts && echo hosts-appended
            sed 's/localhost/localhost here/' /etc/hosts > /tmp/h && cat /tmp/h > /etc/hosts && echo hosts-rewritten
            echo renamed > /etc/hostname && echo hostname-written
            grep -c "localhost here" /etc/hosts; grep "^10.0.0.9" /etc/hosts; cat /etc/hostname
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hosts-appended\nhosts-rewritten\nhostname-written\n2\n10.0.0.9\tdb\nrenamed\n", result.Stdout);
    }

    [RootFact(Requirement)]
    public async Task A_node_joining_and_leaving_changes_its_entry_and_keeps_the_students_lines()
    {
        string session = "hosts-" + Guid.NewGuid().ToString("N")[..6];
        await using var node1 = await fixture.StartAsync(new CreateSandboxRequest { Image = "busybox", Network = "session", Session = session, Name = "node1" });
        var edit = await node1.ShAsync("echo '10.0.0.9\tdb' >> /etc/hosts");
        Assert.True(edit.ExitCode == 0, edit.ToString());

        string node2Address;
        await using (var node2 = await fixture.StartAsync(new CreateSandboxRequest { Image = "busybox", Network = "session", Session = session, Name = "node2" }))
        {
            node2Address = node2.Sandbox.Address!;
            // The join rewrote node1's file before the create returned.
            var joined = (await node1.ExecAsync("cat", "/etc/hosts")).Stdout.Split('\n');
            Assert.Contains("10.0.0.9\tdb", joined);
            Assert.Contains($"{node2Address}\tnode2", joined);
            Assert.Contains($"{node1.Sandbox.Address}\tnode1", joined);
            Assert.Equal(0, (await node1.ExecAsync("ping", "-c", "1", "-W", "2", "node2")).ExitCode);
        }

        var left = (await node1.ExecAsync("cat", "/etc/hosts")).Stdout.Split('\n');
        Assert.Contains("10.0.0.9\tdb", left);
        Assert.DoesNotContain($"{node2Address}\tnode2", left);
        Assert.Contains($"{node1.Sandbox.Address}\tnode1", left);
    }
}
