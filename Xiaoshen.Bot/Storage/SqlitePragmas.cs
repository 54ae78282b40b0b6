using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Sets SQLite to write-ahead logging with synchronous=NORMAL on every connection: a commit no longer waits for a disk
/// flush (the WAL is flushed at checkpoints), which is safe against corruption and loses at most the last moments of
/// writes on a power cut — not on a process crash or restart. Concurrent writers wait up to 5 s for each other.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
