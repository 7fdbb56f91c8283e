namespace ContainerLab.Web.Accounts;

/// <summary>The two roles: an instructor runs classes and manages labs; a student works in them.</summary>
public static class Roles
{
    public const string Instructor = "instructor";
    public const string Student = "student";

    public static readonly string[] All = [Instructor, Student];
}
