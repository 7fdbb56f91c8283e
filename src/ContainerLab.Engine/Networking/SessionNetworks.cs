using System.Globalization;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Snapshots;

namespace ContainerLab.Engine.Networking;

/// <summary>
/// One isolated network per session: a network namespace owned by the daemon (a file under the state dir
/// bind-mounting its nsfs inode) with a bridge; each sandbox gets a veth pair, eth0 inside, the other end
/// on the bridge. The session namespace has no other link, so sandboxes reach each other and nothing else:
/// not the host, not another session, not the outside. Names resolve through each sandbox's /etc/hosts.
/// Uses iproute2 and nsenter; everything it creates is inside namespaces it owns.
/// </summary>
public sealed class SessionNetworks(string directory)
{
    public const string Subnet = "10.89.0.0/24";
    private const string Bridge = "br0";
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, Dictionary<string, NetworkAttachment>> _members = [];

    public string Directory { get; } = directory;

    private string SessionDir(string session) => Path.Combine(Directory, session);
    public string NamespaceFile(string session) => Path.Combine(SessionDir(session), "netns");

    /// <summary>Connects the network namespace of process <paramref name="pid"/> (the sandbox's init) to the session's bridge.</summary>
    public async Task<NetworkAttachment> AttachAsync(string session, string sandboxId, string name, int pid, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_members.TryGetValue(session, out var members))
            {
                await CreateSessionAsync(session, cancellationToken).ConfigureAwait(false);
                _members[session] = members = [];
            }
            if (members.Values.Any(m => m.Name == name))
                throw new ConflictException($"session '{session}' already has a sandbox named '{name}'");
            int host = Enumerable.Range(2, 253).FirstOrDefault(h => members.Values.All(m => m.Address != Address(h)));
            if (host == 0)
                throw new CapacityExceededException($"session '{session}' has no free address in {Subnet}");
            var attachment = new NetworkAttachment(session, sandboxId, name, Address(host), "v" + sandboxId[..Math.Min(12, sandboxId.Length)]);
            string sandboxNs = $"/proc/{pid}/ns/net";
            await IpBatchAsync(NamespaceFile(session), cancellationToken,
                $"link add {attachment.HostVeth} type veth peer name eth0 netns {sandboxNs}",
                $"link set {attachment.HostVeth} master {Bridge} up").ConfigureAwait(false);
            await IpBatchAsync(sandboxNs, cancellationToken,
                $"addr add {attachment.Address}/24 dev eth0",
                "link set eth0 up",
                "link set lo up").ConfigureAwait(false);
            members[sandboxId] = attachment;
            return attachment;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The /etc/hosts entries a member of <paramref name="session"/> gets: localhost and every member by name.</summary>
    public IReadOnlyList<string> HostsEntries(string session)
    {
        List<string> entries = ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback"];
        if (_members.TryGetValue(session, out var members))
            foreach (var member in members.Values.OrderBy(m => m.Address, StringComparer.Ordinal))
                entries.Add(string.Create(CultureInfo.InvariantCulture, $"{member.Address}\t{member.Name}"));
        return entries;
    }

    public IReadOnlyList<NetworkAttachment> Members(string session) =>
        _members.TryGetValue(session, out var members) ? [.. members.Values] : [];

    /// <summary>Removes the sandbox from its session; the last one out removes the session's namespace.</summary>
    public async Task DetachAsync(string session, string sandboxId)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_members.TryGetValue(session, out var members) || !members.Remove(sandboxId, out var attachment))
                return;
            // The pair also vanishes with the sandbox's namespace; delete it now in case a process still holds that.
            await HostCommand.TryRunAsync(["nsenter", $"--net={NamespaceFile(session)}", "ip", "link", "del", attachment.HostVeth]).ConfigureAwait(false);
            if (members.Count == 0)
            {
                _members.Remove(session);
                RemoveSession(session);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>After a restart: removes every session namespace left on disk (their sandboxes are gone).</summary>
    public void RemoveAllLeftovers()
    {
        if (!System.IO.Directory.Exists(Directory))
            return;
        foreach (string dir in System.IO.Directory.EnumerateDirectories(Directory))
            RemoveSession(Path.GetFileName(dir));
    }

    /// <summary>Session namespaces that exist on disk, for leak checks.</summary>
    public IReadOnlyList<string> ExistingSessions() =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateDirectories(Directory).Select(d => Path.GetFileName(d)!).ToList() : [];

    private async Task CreateSessionAsync(string session, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(SessionDir(session));
        string nsFile = NamespaceFile(session);
        await File.WriteAllBytesAsync(nsFile, [], cancellationToken).ConfigureAwait(false);
        try
        {
            // unshare --net=FILE makes the namespace persistent by bind-mounting it on FILE.
            await HostCommand.RunAsync(["unshare", $"--net={nsFile}", "true"], cancellationToken: cancellationToken).ConfigureAwait(false);
            await IpBatchAsync(nsFile, cancellationToken,
                $"link add {Bridge} type bridge",
                $"link set {Bridge} up",
                "link set lo up").ConfigureAwait(false);
        }
        catch
        {
            RemoveSession(session);
            throw;
        }
    }

    private void RemoveSession(string session)
    {
        string dir = SessionDir(session);
        foreach (string mount in MountTable.MountsUnder(dir))
            Interop.Libc.Umount2(mount, Interop.Libc.MNT_DETACH);
        if (System.IO.Directory.Exists(dir))
            System.IO.Directory.Delete(dir, recursive: true);
    }

    private static string Address(int host) => string.Create(CultureInfo.InvariantCulture, $"10.89.0.{host}");

    internal static Task IpBatchAsync(string netnsPath, CancellationToken cancellationToken, params string[] commands) =>
        BatchAsync("ip", netnsPath, cancellationToken, commands);

    /// <summary>`ip -batch -` or `tc -batch -` in the network namespace <paramref name="netnsPath"/>, one command per line.</summary>
    internal static Task BatchAsync(string tool, string netnsPath, CancellationToken cancellationToken, params string[] commands) =>
        HostCommand.RunAsync(["nsenter", $"--net={netnsPath}", tool, "-batch", "-"], string.Join('\n', commands) + "\n", cancellationToken);
}
