using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>An exec's stdin: the bytes arrive whole, then end-of-file, past the pipe's 64 KiB and the JSON body's 64 KiB.</summary>
public sealed class ExecStdinTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string Requirement = "root, an OCI runtime and user namespaces";

    [RootFact(Requirement)]
    public async Task Stdin_of_an_exec_arrives_whole_up_to_the_limit_and_beyond_it_is_a_400()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            var input = new byte[ExecRequest.MaxStdinBytes];
            new Random(9).NextBytes(input);
            var counted = await client.ExecToEndAsync(sandbox.Id, new ExecRequest { Command = ["/bin/sh", "-c", "wc -c; md5sum"], Stdin = input },
                TimeSpan.FromSeconds(30));
            Assert.Equal(0, counted.ExitCode);
            Assert.Contains($"{input.Length}\n", counted.Stdout); // wc read it all; md5sum then saw end-of-file at once
            Assert.Contains("d41d8cd98f00b204e9800998ecf8427e", counted.Stdout); // md5 of nothing

            var hash = await client.ExecToEndAsync(sandbox.Id, new ExecRequest { Command = ["md5sum"], Stdin = input }, TimeSpan.FromSeconds(30));
            Assert.StartsWith(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(input)), hash.Stdout);

            var tooLong = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
                client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["cat"], Stdin = new byte[ExecRequest.MaxStdinBytes + 1] }));
            Assert.Equal(400, tooLong.Status);
            Assert.Contains("at most 1048576", tooLong.Detail);
            var withTerminal = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
                client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["cat"], Tty = true, Stdin = [1] }));
            Assert.Equal(400, withTerminal.Status);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }
}
