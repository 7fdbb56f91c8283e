namespace ContainerLab.Web.Database;

/// <summary>Where accounts, classes and progress are kept: the embedded SQLite file (the default) or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
