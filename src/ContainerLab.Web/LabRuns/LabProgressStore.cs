using System.Globalization;
using ContainerLab.Web.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.LabRuns;

/// <summary>
/// Which steps each learner passed, in a SQLite file (WAL) under <see cref="WebOptions.DataDirectory"/>: a reload, a
/// new session or a restart of the web keeps where the student was. Keyed by the learner cookie's id, not the session,
/// because sessions (and their sandboxes) end; accounts will replace the cookie later.
/// </summary>
public sealed class LabProgressStore
{
    private readonly string _connectionString;

    public LabProgressStore(IOptions<WebOptions> options, IHostEnvironment environment)
    {
        string directory = options.Value.DataPath(environment.ContentRootPath);
        System.IO.Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, "labs.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS step_passed (
                learner TEXT NOT NULL, lab TEXT NOT NULL, step TEXT NOT NULL, passed_at TEXT NOT NULL,
                PRIMARY KEY (learner, lab, step));
            """);
    }

    public string FilePath { get; }

    public async Task<IReadOnlySet<string>> PassedAsync(string learner, string lab, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT step FROM step_passed WHERE learner = $learner AND lab = $lab";
        command.Parameters.AddWithValue("$learner", learner);
        command.Parameters.AddWithValue("$lab", lab);
        var steps = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            steps.Add(reader.GetString(0));
        return steps;
    }

    /// <summary>The steps a learner passed in every lab they began (the catalogue's finished / in progress).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> PassedByLabAsync(string learner, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT lab, step FROM step_passed WHERE learner = $learner";
        command.Parameters.AddWithValue("$learner", learner);
        var labs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!labs.TryGetValue(reader.GetString(0), out var steps))
                labs[reader.GetString(0)] = steps = new HashSet<string>(StringComparer.Ordinal);
            steps.Add(reader.GetString(1));
        }
        return labs.ToDictionary(l => l.Key, l => (IReadOnlySet<string>)l.Value, StringComparer.Ordinal);
    }

    public async Task MarkPassedAsync(string learner, string lab, string step, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO step_passed (learner, lab, step, passed_at) VALUES ($learner, $lab, $step, $at)";
        command.Parameters.AddWithValue("$learner", learner);
        command.Parameters.AddWithValue("$lab", lab);
        command.Parameters.AddWithValue("$step", step);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets a learner's progress in one lab (the "start over" button).</summary>
    public async Task ResetAsync(string learner, string lab, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM step_passed WHERE learner = $learner AND lab = $lab";
        command.Parameters.AddWithValue("$learner", learner);
        command.Parameters.AddWithValue("$lab", lab);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
