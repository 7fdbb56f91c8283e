using System.Security.Cryptography;
using System.Text;
using ContainerLab.Web.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Accounts;

/// <summary>
/// There is never a default password: while no instructor exists, the web makes a one-time link that creates the
/// first one. Its path goes to the log and to first-instructor-link in the data directory (0600, the web's user only),
/// from which scripts/run.sh prints it. The token is random (256 bits), kept only as a hash, works once, and a restart
/// of the web makes a new one (the old one stops working). Anyone who can read the web's data directory or log can
/// create the first instructor, as anyone who can read a service's secrets can act as it.
/// </summary>
public sealed class FirstInstructorInvite(IOptions<WebOptions> options, IHostEnvironment environment, ILogger<FirstInstructorInvite> log)
{
    public const string FileName = "first-instructor-link";
    public const string SetupPath = "/account/setup";

    private readonly Lock _gate = new();
    private byte[]? _tokenHash;

    private string LinkFile => Path.Combine(options.Value.DataPath(environment.ContentRootPath), FileName);

    /// <summary>Whether the link is open (no instructor yet and not used).</summary>
    public bool IsOpen
    {
        get { lock (_gate) return _tokenHash is not null; }
    }

    /// <summary>
    /// Makes sure both roles exist, then opens a link if no instructor exists (and removes a stale link file if one does).
    /// Called once the database is migrated, before the web serves anyone.
    /// </summary>
    public async Task PrepareAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (string role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create the role {role}");
        }
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if ((await accounts.GetUsersInRoleAsync(Roles.Instructor)).Count > 0)
        {
            File.Delete(LinkFile);
            return;
        }
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_gate)
            _tokenHash = Hash(token);
        string path = WriteLink(token);
        log.LogWarning("No instructor account exists yet. Open {Path} on this web's address to create the first one (the link works once; a restart of the web makes a new one).", path);
    }

    public bool Accepts(string? token)
    {
        lock (_gate)
            return Matches(token);
    }

    /// <summary>Closes the link if <paramref name="token"/> is it: true once, for the one request that may create the instructor.</summary>
    public bool Redeem(string? token)
    {
        lock (_gate)
        {
            if (!Matches(token))
                return false;
            _tokenHash = null;
        }
        File.Delete(LinkFile);
        return true;
    }

    /// <summary>Opens the link again after a redeemed request failed to create the account (a name already taken, say).</summary>
    public void Reopen(string token)
    {
        lock (_gate)
            _tokenHash = Hash(token);
        WriteLink(token);
    }

    private bool Matches(string? token) =>
        _tokenHash is not null && token is { Length: > 0 and <= 64 } && CryptographicOperations.FixedTimeEquals(_tokenHash, Hash(token));

    private string WriteLink(string token)
    {
        string path = $"{SetupPath}?token={token}";
        // Created 0600 before the token is written into it.
        using (var file = new FileStream(LinkFile, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
            file.Write(Encoding.UTF8.GetBytes(path + "\n"));
        File.SetUnixFileMode(LinkFile, UnixFileMode.UserRead | UnixFileMode.UserWrite); // an older file kept its mode
        return path;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
