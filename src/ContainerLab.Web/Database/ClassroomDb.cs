using ContainerLab.Web.Accounts;
using ContainerLab.Web.Classes;
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
    public DbSet<Classroom> Classes => Set<Classroom>();
    public DbSet<ClassMember> ClassMembers => Set<ClassMember>();
    public DbSet<ServerSetting> Settings => Set<ServerSetting>();

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
        builder.Entity<Classroom>(classes =>
        {
            classes.ToTable("classes");
            classes.Property(c => c.Name).HasMaxLength(Classroom.NameMaxLength).IsRequired();
            classes.Property(c => c.OwnerId).HasMaxLength(450).IsRequired();
            classes.Property(c => c.JoinCode).HasMaxLength(JoinCode.Length).IsRequired();
            classes.HasIndex(c => c.JoinCode).IsUnique();
            classes.HasIndex(c => c.OwnerId);
            classes.ComplexProperty(c => c.Limits);
            classes.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.ClassroomId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ClassMember>(members =>
        {
            members.ToTable("class_members");
            members.Property(m => m.AccountId).HasMaxLength(450).IsRequired();
            members.Property(m => m.DisplayName).HasMaxLength(Account.DisplayNameMaxLength).IsRequired();
            members.HasIndex(m => new { m.ClassroomId, m.AccountId }).IsUnique();
            members.HasIndex(m => m.AccountId);
        });
        builder.Entity<ServerSetting>(settings =>
        {
            settings.ToTable("settings");
            settings.HasKey(s => s.Key);
            settings.Property(s => s.Key).HasMaxLength(64);
            settings.Property(s => s.Value).HasMaxLength(1024).IsRequired();
        });
    }
}

/// <summary>The model on SQLite, with SQLite's migrations (Database/Migrations/Sqlite).</summary>
public sealed class SqliteClassroomDb(DbContextOptions<SqliteClassroomDb> options) : ClassroomDb(options);

/// <summary>The model on PostgreSQL, with PostgreSQL's migrations (Database/Migrations/PostgreSql).</summary>
public sealed class PostgreSqlClassroomDb(DbContextOptions<PostgreSqlClassroomDb> options) : ClassroomDb(options);
