using ContainerLab.Web.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Hosting;

/// <summary>
/// The keys that sign and encrypt the web's antiforgery tokens (the Start and End forms) and circuit state live in
/// keys/ under <see cref="WebOptions.DataDirectory"/>, so they survive a reboot and a restart of the web. ASP.NET's
/// default is ~/.aspnet/DataProtection-Keys, which for a system user with HOME=/tmp is gone after every reboot (and
/// every PrivateTmp restart): each form a student had open then fails with "the form expired". Keys are not encrypted
/// at rest on Linux (there is no DPAPI); the directory is 0700 and each key 0600, owned by the web's user, as for any
/// secret file of a service. The application name is fixed, so moving the install keeps the keys valid; two instances
/// with two data directories have two key rings, and a cookie of one is refused by the other.
/// </summary>
public static class DataProtectionKeys
{
    public const string ApplicationName = "ContainerLab.Web";
    public const string FolderName = "keys";

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode KeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static IServiceCollection AddContainerLabDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<WebOptions>, IHostEnvironment, ILoggerFactory>((keys, web, environment, logs) =>
            keys.XmlRepository = new FileSystemXmlRepository(Prepare(web.Value.DataPath(environment.ContentRootPath)), logs));
        return services;
    }

    /// <summary>Creates keys/ as 0700, or tightens an existing one and its files (a copy or a restore may have widened them).</summary>
    public static DirectoryInfo Prepare(string dataDirectory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, FolderName), FolderMode);
        if (folder.UnixFileMode != FolderMode)
            folder.UnixFileMode = FolderMode;
        foreach (var key in folder.EnumerateFiles())
        {
            if (key.UnixFileMode != KeyMode && key.LinkTarget is null)
                key.UnixFileMode = KeyMode;
        }
        return folder;
    }
}
