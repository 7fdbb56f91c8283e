using Microsoft.EntityFrameworkCore.Design;

namespace ContainerLab.Web.Database;

// For `dotnet ef migrations add NAME --context SqliteClassroomDb|PostgreSqlClassroomDb` (docs/DATABASE.md): the tool
// needs a context without the web's host. Neither connects: adding a migration only compares models.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClassroomDb>
{
    public SqliteClassroomDb CreateDbContext(string[] args) =>
        (SqliteClassroomDb)new ClassroomDbFactory(DatabaseProvider.Sqlite, "Data Source=design-time.db").CreateDbContext();
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlClassroomDb>
{
    public PostgreSqlClassroomDb CreateDbContext(string[] args) =>
        (PostgreSqlClassroomDb)new ClassroomDbFactory(DatabaseProvider.PostgreSql, "Host=localhost;Database=design-time").CreateDbContext();
}
