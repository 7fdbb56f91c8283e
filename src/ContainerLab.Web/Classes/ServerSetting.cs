namespace ContainerLab.Web.Classes;

/// <summary>A setting an instructor changes from the browser (kept in the database, so every web instance reads it).</summary>
public sealed class ServerSetting
{
    public const string AnonymousPractice = "anonymous-practice";

    public required string Key { get; set; }
    public required string Value { get; set; }
}
