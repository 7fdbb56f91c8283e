using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContainerLab.Web.Database;

/// <summary>
/// Every SQLite connection syncs each commit to disk before it returns (synchronous=FULL: in WAL mode NORMAL may lose
/// the last commits on a power cut, and a progress event is acknowledged to the student only once committed, so it must
/// be on disk by then). Write-ahead logging is the file's own setting, made once (<see cref="WriteAheadLog"/>): EF opens
/// read-only connections too, on which switching the journal mode fails ("attempt to write a readonly database").
/// </summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL;";

    /// <summary>Readers never wait for the writer, nor it for them; kept in the database file once set.</summary>
    public const string WriteAheadLog = "PRAGMA journal_mode=WAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
