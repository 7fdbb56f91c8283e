using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContainerLab.Web.Database;

/// <summary>Makes the context of the configured provider (a singleton: the options are built once).</summary>
public sealed class ClassroomDbFactory : IDbContextFactory<ClassroomDb>
{
    private readonly Func<ClassroomDb> _create;

    public ClassroomDbFactory(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new DbContextOptionsBuilder<SqliteClassroomDb>()
                    .UseSqlite(connectionString).AddInterceptors(new SqliteDurability()).Options;
                _create = () => new SqliteClassroomDb(sqlite);
                break;
            case DatabaseProvider.PostgreSql:
                var postgres = new DbContextOptionsBuilder<PostgreSqlClassroomDb>().UseNpgsql(connectionString).Options;
                _create = () => new PostgreSqlClassroomDb(postgres);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "no such database provider");
        }
    }

    public DatabaseProvider Provider { get; }

    public ClassroomDb CreateDbContext() => _create();

    /// <summary>The connection string of the SQLite file in <paramref name="dataDirectory"/>.</summary>
    public static string SqliteConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, DatabaseOptions.SqliteFileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();
}
