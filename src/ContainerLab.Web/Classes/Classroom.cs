namespace ContainerLab.Web.Classes;

/// <summary>
/// A class: an instructor's group of students working through labs in order, joined with a short code. Times are
/// milliseconds since 1970 (UTC), as everywhere in the database. Ending a class keeps it and its progress.
/// </summary>
public sealed class Classroom
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The instructor's account id.</summary>
    public required string OwnerId { get; set; }
    /// <summary>The code students type (<see cref="JoinCode"/>), unique among classes.</summary>
    public required string JoinCode { get; set; }
    /// <summary>Lab ids, in the order the class works through them.</summary>
    public List<string> Labs { get; set; } = [];
    public long? StartsAtUnixMs { get; set; }
    public long? EndsAtUnixMs { get; set; }
    /// <summary>Students must sign in with an account (user name and password); otherwise a name is enough.</summary>
    public bool RequireAccount { get; set; }
    public ClassLimits Limits { get; set; } = new();
    public long CreatedAtUnixMs { get; set; }
    /// <summary>Set when the instructor ended the class: sandboxes removed, nobody joins, progress kept.</summary>
    public long? EndedAtUnixMs { get; set; }

    public List<ClassMember> Members { get; set; } = [];

    public bool IsOpenAt(DateTimeOffset now) =>
        EndedAtUnixMs is null && (StartsAtUnixMs is not { } start || now.ToUnixTimeMilliseconds() >= start)
        && (EndsAtUnixMs is not { } end || now.ToUnixTimeMilliseconds() < end);
}

/// <summary>What each student of a class may use (within the server's own ceilings).</summary>
public sealed class ClassLimits
{
    public int Nodes { get; set; } = 3;
    public int VmNodes { get; set; } = 1;
    public long NodeMemoryBytes { get; set; } = 256L * 1024 * 1024;
    public int NodePids { get; set; } = 256;
    public double NodeCpus { get; set; } = 1.0;
    public long NodeDiskBytes { get; set; } = 256L * 1024 * 1024;
    public int IdleMinutes { get; set; } = 30;
}

/// <summary>A student in a class, under the name the instructor sees.</summary>
public sealed class ClassMember
{
    public int Id { get; set; }
    public int ClassroomId { get; set; }
    public required string AccountId { get; set; }
    public required string DisplayName { get; set; }
    public long JoinedAtUnixMs { get; set; }
}
