using ContainerLab.Web.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContainerLab.Web.Tests.Database;

/// <summary>
/// A real, migrated database of the test's own: a SQLite file in a temporary folder, or, when the test script runs the
/// suite against PostgreSQL (CONTAINERLAB_TEST_DATABASE=postgresql), a fresh database on the server it started
/// (CONTAINERLAB_TEST_POSTGRES: a connection string without a database), dropped afterwards.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "CONTAINERLAB_TEST_DATABASE";
    public const string ServerVariable = "CONTAINERLAB_TEST_POSTGRES";

    private readonly DirectoryInfo? _folder;
    private readonly string? _postgresServer;
    private readonly string? _postgresName;

    /// <param name="provider">The run's provider when null; a test about one provider's own behaviour names it.</param>
    public TestDatabase(DatabaseProvider? provider = null)
    {
        Provider = provider ?? (Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } named
            ? Enum.Parse<DatabaseProvider>(named, ignoreCase: true)
            : DatabaseProvider.Sqlite);
        if (Provider == DatabaseProvider.Sqlite)
        {
            _folder = Directory.CreateTempSubdirectory("clab-web-db-");
            ConnectionString = ClassroomDbFactory.SqliteConnectionString(_folder.FullName);
        }
        else
        {
            _postgresServer = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server
                : throw new InvalidOperationException($"{ProviderVariable}=postgresql needs {ServerVariable} (scripts/test.sh starts a server and sets it)");
            _postgresName = $"clab_test_{Guid.NewGuid():N}";
            Admin($"CREATE DATABASE {_postgresName}");
            ConnectionString = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresName }.ToString();
        }
        Factory = new ClassroomDbFactory(Provider, ConnectionString);
        using var db = Factory.CreateDbContext();
        db.Database.Migrate();
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public ClassroomDbFactory Factory { get; }
    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? SqliteFile => _folder is null ? null : Path.Combine(_folder.FullName, DatabaseOptions.SqliteFileName);
    public string? SqliteFolder => _folder?.FullName;

    public void Dispose()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            Admin($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
        }
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(_postgresServer);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
