using ContainerLab.Web.Database;
using ContainerLab.Web.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;

namespace ContainerLab.Web.Tests.Database;

/// <summary>How the web opens its database: a private SQLite file that writes ahead, and clear words when it cannot.</summary>
public sealed class DatabaseSetupTests
{
    [Fact]
    public async Task The_sqlite_file_is_the_web_users_alone_and_writes_ahead()
    {
        using var web = new TestWeb(DatabaseProvider.Sqlite); // SQLite's own file, in the PostgreSQL round too
        await web.PrepareAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(web.Database.SqliteFile!));
        await using var connection = new SqliteConnection(web.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_postgresql_server_that_does_not_answer_stops_the_web_with_its_words()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ContainerLab:Database:Provider"] = "PostgreSql",
            ["ContainerLab:Database:ConnectionString"] = "Host=/nonexistent-socket-dir;Database=containerlab;Username=nobody;Timeout=2",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddClassroomDatabase(configuration).BuildServiceProvider();
        var e = await Assert.ThrowsAsync<DatabaseUnavailableException>(services.MigrateClassroomDatabaseAsync);
        Assert.StartsWith("the database (PostgreSql) could not be opened or migrated:", e.Message);
    }
}
