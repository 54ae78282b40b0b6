using Npgsql;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// A PostgreSQL advisory lock held while one node creates or migrates the database, so nodes starting together do not
/// both create its tables (issue 13). The lock is taken in the server's maintenance database <c>postgres</c>, because the
/// database itself may not exist yet; its name is derived from the target database's, so deployments on one server do
/// not wait for each other. It lives as long as its own unpooled connection: disposing it, or a node dying, releases it.
/// </summary>
internal static class PostgresMigrationLock
{
    public const string MaintenanceDatabase = "postgres";

    public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = MaintenanceDatabase, Pooling = false };
        var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // No command timeout: a migration may take long; start-up cancellation still ends the wait.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("name", "xiaoshen-migrate:" + target.Database);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
