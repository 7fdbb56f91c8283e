using ContainerLab.Web.Database;
using Microsoft.EntityFrameworkCore;

namespace ContainerLab.Web.Classes;

/// <summary>
/// Classes and their members in the database. Every instructor-side read takes the acting account and returns only
/// that instructor's classes: another instructor's class is as absent as one that does not exist.
/// </summary>
public sealed class ClassDirectory(IDbContextFactory<ClassroomDb> databases, TimeProvider time)
{
    /// <summary>Raised after a student joined a class (the instructor's live grid listens), with the class's id.</summary>
    public event Action<int>? MembersChanged;

    public async Task<Classroom> CreateAsync(string ownerId, string name, IReadOnlyList<string> labs, DateTimeOffset? startsAt, DateTimeOffset? endsAt,
        bool requireAccount, ClassLimits limits, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        for (int attempt = 0; ; attempt++)
        {
            var classroom = new Classroom
            {
                Name = name.Trim(), OwnerId = ownerId, JoinCode = JoinCode.New(), Labs = [.. labs],
                StartsAtUnixMs = startsAt?.ToUnixTimeMilliseconds(), EndsAtUnixMs = endsAt?.ToUnixTimeMilliseconds(),
                RequireAccount = requireAccount, Limits = limits, CreatedAtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            db.Classes.Add(classroom);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return classroom;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The code was taken (about 1 in 10^11; the unique index said so): draw another.
                db.Classes.Remove(classroom);
                if (!await db.Classes.AnyAsync(c => c.JoinCode == classroom.JoinCode, cancellationToken))
                    throw;
            }
        }
    }

    public async Task<IReadOnlyList<Classroom>> OwnedByAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Classes.AsNoTracking().Include(c => c.Members).Where(c => c.OwnerId == ownerId)
            .OrderByDescending(c => c.CreatedAtUnixMs).ToListAsync(cancellationToken);
    }

    /// <summary>The class with its members if <paramref name="ownerId"/> owns it; null otherwise.</summary>
    public async Task<Classroom?> FindOwnedAsync(int id, string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Classes.AsNoTracking().Include(c => c.Members.OrderBy(m => m.JoinedAtUnixMs))
            .SingleOrDefaultAsync(c => c.Id == id && c.OwnerId == ownerId, cancellationToken);
    }

    public async Task<Classroom?> FindByCodeAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Classes.AsNoTracking().SingleOrDefaultAsync(c => c.JoinCode == code, cancellationToken);
    }

    /// <summary>The classes <paramref name="accountId"/> has joined, newest first.</summary>
    public async Task<IReadOnlyList<Classroom>> JoinedByAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Classes.AsNoTracking().Where(c => c.Members.Any(m => m.AccountId == accountId))
            .OrderByDescending(c => c.CreatedAtUnixMs).ToListAsync(cancellationToken);
    }

    /// <summary>The class a student works in now: the newest open one they joined (null: none).</summary>
    public async Task<Classroom?> OpenClassOfAsync(string accountId, CancellationToken cancellationToken) =>
        (await JoinedByAsync(accountId, cancellationToken)).FirstOrDefault(c => c.IsOpenAt(time.GetUtcNow()));

    /// <summary>Adds the account to the class under <paramref name="displayName"/>; joining again keeps the first membership.</summary>
    public async Task<ClassMember> JoinAsync(int classId, string accountId, string displayName, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.ClassMembers.SingleOrDefaultAsync(m => m.ClassroomId == classId && m.AccountId == accountId, cancellationToken) is { } existing)
            return existing;
        var member = new ClassMember
        {
            ClassroomId = classId, AccountId = accountId, DisplayName = displayName.Trim(), JoinedAtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.ClassMembers.Add(member);
        await db.SaveChangesAsync(CancellationToken.None);
        MembersChanged?.Invoke(classId);
        return member;
    }

    /// <summary>Adds a lab at the end of the class's labs (nothing if it has it already). False if the class is not the owner's.</summary>
    public async Task<bool> AddLabAsync(int id, string ownerId, string labId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Classes.SingleOrDefaultAsync(c => c.Id == id && c.OwnerId == ownerId, cancellationToken) is not { } classroom)
            return false;
        if (!classroom.Labs.Contains(labId))
        {
            classroom.Labs = [.. classroom.Labs, labId]; // a new list: the column is the list as a whole
            await db.SaveChangesAsync(CancellationToken.None);
        }
        MembersChanged?.Invoke(id); // the grid gains the lab's steps
        return true;
    }

    /// <summary>Ends the class (kept, with its progress; nobody joins any more). False if it is not the owner's.</summary>
    public async Task<bool> EndAsync(int id, string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Classes.SingleOrDefaultAsync(c => c.Id == id && c.OwnerId == ownerId, cancellationToken) is not { } classroom)
            return false;
        classroom.EndedAtUnixMs ??= time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(CancellationToken.None);
        MembersChanged?.Invoke(id);
        return true;
    }
}
