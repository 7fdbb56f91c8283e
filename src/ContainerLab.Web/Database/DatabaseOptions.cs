namespace ContainerLab.Web.Database;

/// <summary>
/// Settings of section "ContainerLab:Database" (CONTAINERLAB__DATABASE__PROVIDER, CONTAINERLAB__DATABASE__CONNECTIONSTRING).
/// SQLite needs nothing: its file is containerlab.db in the data directory. PostgreSQL needs a connection string.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "ContainerLab:Database";
    public const string SqliteFileName = "containerlab.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For PostgreSQL, e.g. "Host=/run/postgresql;Database=containerlab;Username=containerlab". Ignored for SQLite.</summary>
    public string ConnectionString { get; set; } = "";
}
