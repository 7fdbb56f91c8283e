using ContainerLab.Web.Accounts;
using ContainerLab.Web.Progress;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ContainerLab.Web.Database;

/// <summary>
/// The web's database: accounts and roles (ASP.NET Core Identity's tables) and the append-only progress events. One
/// model for both providers; each provider has its own context type only so that each has its own migrations
/// (<see cref="SqliteClassroomDb"/>, <see cref="PostgreSqlClassroomDb"/>): SQL types differ, the model does not.
/// </summary>
public abstract class ClassroomDb(DbContextOptions options) : IdentityDbContext<Account, IdentityRole, string>(options)
{
    public DbSet<ProgressEvent> ProgressEvents => Set<ProgressEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>(account => account.Property(a => a.DisplayName).HasMaxLength(Account.DisplayNameMaxLength));
        builder.Entity<ProgressEvent>(events =>
        {
            events.ToTable("progress_events");
            events.HasKey(e => e.Id);
            events.Property(e => e.Learner).HasMaxLength(ProgressEvent.KeyMaxLength).IsRequired();
            events.Property(e => e.Lab).HasMaxLength(ProgressEvent.KeyMaxLength).IsRequired();
            events.Property(e => e.Step).HasMaxLength(ProgressEvent.KeyMaxLength).IsRequired();
            events.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16).IsRequired();
            events.Property(e => e.Detail).HasMaxLength(ProgressEvent.DetailMaxLength);
            // Every read is one learner's events (a lab's, or all of them for the catalogue) in the order they happened.
            events.HasIndex(e => new { e.Learner, e.Lab, e.Id });
        });
    }
}

/// <summary>The model on SQLite, with SQLite's migrations (Database/Migrations/Sqlite).</summary>
public sealed class SqliteClassroomDb(DbContextOptions<SqliteClassroomDb> options) : ClassroomDb(options);

/// <summary>The model on PostgreSQL, with PostgreSQL's migrations (Database/Migrations/PostgreSql).</summary>
public sealed class PostgreSqlClassroomDb(DbContextOptions<PostgreSqlClassroomDb> options) : ClassroomDb(options);
