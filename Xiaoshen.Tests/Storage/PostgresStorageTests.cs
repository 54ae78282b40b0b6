using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Storage;

/// <summary>The same conversation behaviour on PostgreSQL, in a database created for the test and dropped after it.</summary>
public sealed class PostgresStorageTests
{
    [PostgresFact]
    public async Task MigratesAndKeepsConversationsAcrossARestartOnPostgres()
    {
        var database = "xiaoshen_test_" + Guid.NewGuid().ToString("N")[..12];
        var server = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString);
        await Execute(server.ConnectionString, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
        try
        {
            using var content = new TestKnowledgeBase();
            var conversation = Guid.NewGuid().ToString("N");
            using (var first = OnPostgres(content, connection))
            {
                await new BotClient(first.CreateClient(), conversation).SayAsync("我手机13812345678，退休了公积金怎么取");
            }

            using var second = OnPostgres(content, connection);
            var answer = (await new BotClient(second.CreateClient(), conversation).SayAsync("那要带什么材料")).Last(r => r.Type == "message");

            Assert.Contains("离休、退休提取住房公积金", answer.Text, StringComparison.Ordinal);
            await second.Services.GetRequiredService<StorageWriter>().FlushAsync();
            await second.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = second.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            Assert.IsType<PostgresXiaoshenDbContext>(db);
            var stored = await db.Conversations.SingleAsync(c => c.ChannelConversationId == conversation);
            var turns = await db.Turns.Where(t => t.ConversationId == stored.Id).OrderBy(t => t.Sequence).ToListAsync();
            Assert.Equal(4, turns.Count);
            Assert.Contains("138****5678", turns[0].Text, StringComparison.Ordinal);
            Assert.Equal("gjj-retire-withdraw", turns[3].MatterId);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Execute(server.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static BotApiFactory OnPostgres(TestKnowledgeBase content, string connection) =>
        BotApiFactory.On(content)
            .WithSetting("Storage:Provider", "Postgres")
            .WithSetting("ConnectionStrings:Xiaoshen", connection);

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
