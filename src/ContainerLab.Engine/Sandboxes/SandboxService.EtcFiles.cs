using ContainerLab.Engine.Networking;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>/etc/hosts and /etc/hostname: per-sandbox files on the host, bind-mounted read-write like Docker's.</summary>
public sealed partial class SandboxService
{
    // One rewrite at a time: two nodes joining at once would otherwise read and write the same files.
    private readonly SemaphoreSlim _hostsLock = new(1, 1);

    /// <summary>
    /// Writes both files and gives them to the sandbox's root (its first host id): written by the daemon they belong
    /// to host root, which is unmapped inside and shows as nobody, so root inside got EACCES editing its own
    /// /etc/hosts. Rewrites later keep the inode, and with it the owner and the bind mount.
    /// </summary>
    private void WriteEtcFiles(Sandbox sandbox)
    {
        sandbox.HostsEntries = sandbox.Spec.Network == NetworkMode.Session
            ? Networks.HostsEntries(sandbox.Spec.Session!)
            : [$"127.0.0.1\tlocalhost {sandbox.Name}", "::1\tlocalhost ip6-localhost ip6-loopback"];
        File.WriteAllText(sandbox.HostsFile, HostsFile.Update("", [], sandbox.HostsEntries));
        File.WriteAllText(sandbox.HostnameFile, sandbox.Name + "\n");
        foreach (string file in new[] { sandbox.HostsFile, sandbox.HostnameFile })
            Interop.Check(() => Interop.Libc.Chown(file, sandbox.Ids.HostStart, sandbox.Ids.HostStart), "chown", file);
    }

    /// <summary>After a member joined or left: every member's /etc/hosts names the members now, keeping what root inside wrote.</summary>
    private async Task RewriteSessionHostsFilesAsync(string session)
    {
        await _hostsLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var entries = Networks.HostsEntries(session);
            foreach (var member in _sandboxes.Values.Where(s => s.Spec.Session == session && s.Network is not null && !s.Removed))
            {
                try
                {
                    // Rewritten in place (same inode): the file is bind-mounted into the sandbox.
                    string current = await File.ReadAllTextAsync(member.HostsFile).ConfigureAwait(false);
                    await File.WriteAllTextAsync(member.HostsFile, HostsFile.Update(current, member.HostsEntries, entries)).ConfigureAwait(false);
                    member.HostsEntries = entries;
                    if (member.Agent is not null) // a VM node: its guest has a /etc/hosts of its own
                        _ = PushHostsAsync(member).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                }
                catch (IOException) { } // being removed
            }
        }
        finally
        {
            _hostsLock.Release();
        }
    }
}
