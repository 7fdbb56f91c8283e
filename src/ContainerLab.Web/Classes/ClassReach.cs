using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Classes;

/// <summary>A student of a class whose sessions an instructor may reach: watch, help, reset a node.</summary>
public sealed record ReachedStudent(ClassMember Member, StudentSession? Session);

/// <summary>
/// The one check before an instructor acts on a student's session: the class is theirs and the student is in it. A
/// student (or an instructor of another class) gets nothing, whatever ids they send.
/// </summary>
public sealed class ClassReach(ClassDirectory directory, SessionRegistry sessions)
{
    /// <summary>The student and their live session (the latest used one, or null when they have none open).</summary>
    /// <exception cref="ClassReachException">not the caller's class, or not a student of it</exception>
    public async Task<ReachedStudent> StudentAsync(string? instructorId, int classId, string learner, CancellationToken cancellationToken)
    {
        if (instructorId is null || await directory.FindOwnedAsync(classId, instructorId, cancellationToken) is not { } classroom)
            throw new ClassReachException("none of your classes has this number");
        var member = classroom.Members.FirstOrDefault(m => m.AccountId == learner)
            ?? throw new ClassReachException("that student is not in this class");
        return new ReachedStudent(member, sessions.LatestOf(learner));
    }
}

public sealed class ClassReachException(string message) : Exception(message);
