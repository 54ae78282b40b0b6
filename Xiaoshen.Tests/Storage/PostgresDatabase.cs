using Npgsql;

namespace Xiaoshen.Tests.Storage;

/// <summary>A database of its own on the PostgreSQL server of <see cref="PostgresFactAttribute"/>, dropped on dispose.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = NotCreated();
        await ExecuteAsync(database._server, $"CREATE DATABASE {database._name}");
        return database;
    }

    /// <summary>A name no database has yet: the first host to start creates it.</summary>
    public static PostgresDatabase NotCreated() =>
        new(new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString).ConnectionString, "xiaoshen_test_" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>A host on this database.</summary>
    public Api.BotApiFactory Host(TestKnowledgeBase? content = null) =>
        (content is null ? new Api.BotApiFactory() : Api.BotApiFactory.On(content))
            .WithSetting("Storage:Provider", "Postgres")
            .WithSetting("ConnectionStrings:Xiaoshen", ConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();

        // Seen once: 42501 (the role may not end another process on the database), most likely a server background worker
        // such as autovacuum after the migrations' writes; or a process still leaving (55006). Try again shortly.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
