using ContainerLab.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace ContainerLab.Web.Classes;

/// <summary>
/// Whether anyone may start a session without an account (anonymous practice, the start page as it always was). On
/// unless an instructor turned it off; then a visitor joins a class or signs in first.
/// </summary>
public sealed class PracticePolicy(IDbContextFactory<ClassroomDb> databases)
{
    public async Task<bool> AnonymousAllowedAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var setting = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == ServerSetting.AnonymousPractice, cancellationToken);
        return setting?.Value != "off";
    }

    public async Task SetAnonymousAllowedAsync(bool allowed, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var setting = await db.Settings.SingleOrDefaultAsync(s => s.Key == ServerSetting.AnonymousPractice, cancellationToken);
        if (setting is null)
            db.Settings.Add(new ServerSetting { Key = ServerSetting.AnonymousPractice, Value = allowed ? "on" : "off" });
        else
            setting.Value = allowed ? "on" : "off";
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
