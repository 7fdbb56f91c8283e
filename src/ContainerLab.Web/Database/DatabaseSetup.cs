using ContainerLab.Web.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Database;

/// <summary>Registers the database and brings its schema up to date when the web starts, before it serves anyone.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddClassroomDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).Validate(
            o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
            "ContainerLab:Database:ConnectionString must be set when ContainerLab:Database:Provider is PostgreSql").ValidateOnStart();
        services.AddSingleton<IDbContextFactory<ClassroomDb>>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            string connection = options.Provider == DatabaseProvider.Sqlite
                ? ClassroomDbFactory.SqliteConnectionString(PrepareSqliteFile(provider))
                : options.ConnectionString;
            return new ClassroomDbFactory(options.Provider, connection);
        });
        // Identity's stores take the context per request (scoped); everything else makes a short-lived one per use.
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<ClassroomDb>>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// Creates the schema or applies the migrations it lacks. A database the web cannot reach or migrate stops the web
    /// with the provider's words: serving pages that cannot keep progress would lose students' work.
    /// </summary>
    public static async Task MigrateClassroomDatabaseAsync(this IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<ClassroomDb>>();
        await using var db = await factory.CreateDbContextAsync();
        try
        {
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync(SqliteDurability.WriteAheadLog);
            await db.Database.MigrateAsync();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            throw new DatabaseUnavailableException(
                $"the database ({((ClassroomDbFactory)factory).Provider}) could not be opened or migrated: {e.GetBaseException().Message}", e);
        }
    }

    /// <summary>
    /// The data directory, with the SQLite file in it readable by the web's user only: it holds password hashes. SQLite
    /// gives its -wal and -shm files the database file's mode, so making the (empty, hence valid) file 0600 before SQLite
    /// first opens it covers all three.
    /// </summary>
    private static string PrepareSqliteFile(IServiceProvider provider)
    {
        string directory = provider.GetRequiredService<IOptions<WebOptions>>().Value.DataPath(provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
        Directory.CreateDirectory(directory);
        string file = Path.Combine(directory, DatabaseOptions.SqliteFileName);
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(file))
            new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }).Dispose();
        foreach (string part in new[] { file, file + "-wal", file + "-shm" })
        {
            if (File.Exists(part) && File.GetUnixFileMode(part) != OwnerOnly)
                File.SetUnixFileMode(part, OwnerOnly);
        }
        return directory;
    }
}

/// <summary>The web cannot keep progress: it does not start.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
