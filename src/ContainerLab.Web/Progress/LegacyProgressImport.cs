using System.Globalization;
using ContainerLab.Web.Database;
using ContainerLab.Web.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Progress;

/// <summary>
/// Before the classroom database, passed steps were kept in labs.db (table step_passed) in the data directory. At the
/// first start with the new database its rows become passed events (with their time), in one transaction, and the old
/// file is renamed labs.db.imported, so a student's finished labs stay finished across the upgrade.
/// </summary>
public static class LegacyProgressImport
{
    public const string FileName = "labs.db";

    public static async Task<int> ImportLegacyProgressAsync(this IServiceProvider services)
    {
        string directory = services.GetRequiredService<IOptions<WebOptions>>().Value.DataPath(services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        string file = Path.Combine(directory, FileName);
        if (!File.Exists(file))
            return 0;
        var rows = new List<ProgressEvent>();
        string source = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using (var connection = new SqliteConnection(source))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT learner, lab, step, passed_at FROM step_passed ORDER BY passed_at";
            try
            {
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var at = DateTimeOffset.TryParse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : DateTimeOffset.UnixEpoch;
                    rows.Add(new ProgressEvent
                    {
                        Learner = reader.GetString(0), Lab = reader.GetString(1), Step = reader.GetString(2),
                        Kind = ProgressEventKind.Passed, Passed = true, AtUnixMs = at.ToUnixTimeMilliseconds(),
                    });
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 1) // SQLITE_ERROR: no such table, nothing was ever passed
            {
            }
        }
        await using (var db = await services.GetRequiredService<IDbContextFactory<ClassroomDb>>().CreateDbContextAsync())
        {
            db.ProgressEvents.AddRange(rows);
            await db.SaveChangesAsync();
        }
        foreach (string part in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(file + part))
                File.Move(file + part, file + ".imported" + part, overwrite: true);
        }
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LegacyProgressImport))
            .LogInformation("Imported {Count} passed steps from {File} into the classroom database; the old file is now {File}.imported.", rows.Count, file, file);
        return rows.Count;
    }
}
