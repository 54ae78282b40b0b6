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
        var server = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString).ConnectionString;
        var database = new PostgresDatabase(server, "xiaoshen_test_" + Guid.NewGuid().ToString("N")[..12]);
        await ExecuteAsync(server, $"CREATE DATABASE {database._name}");
        return database;
    }

    /// <summary>A host on this database.</summary>
    public Api.BotApiFactory Host(TestKnowledgeBase? content = null) =>
        (content is null ? new Api.BotApiFactory() : Api.BotApiFactory.On(content))
            .WithSetting("Storage:Provider", "Postgres")
            .WithSetting("ConnectionStrings:Xiaoshen", ConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
