using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Storage;

/// <summary>The same conversation behaviour on PostgreSQL, in a database created for the test and dropped after it.</summary>
public sealed class PostgresStorageTests
{
    [PostgresFact]
    public async Task MigratesAndKeepsConversationsAcrossARestartOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var content = new TestKnowledgeBase();
        var conversation = Guid.NewGuid().ToString("N");
        using (var first = database.Host(content))
        {
            await new BotClient(first.CreateClient(), conversation).SayAsync("我手机13812345678，退休了公积金怎么取");
        }

        using var second = database.Host(content);
        var answer = (await new BotClient(second.CreateClient(), conversation).SayAsync("那要带什么材料")).Last(r => r.Type == "message");

        Assert.Contains("离休、退休提取住房公积金", answer.Text, StringComparison.Ordinal);
        await second.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = second.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        Assert.IsType<PostgresXiaoshenDbContext>(db);
        var stored = await db.Conversations.SingleAsync(c => c.ChannelConversationId == conversation);
        var turns = await db.Turns.Where(t => t.ConversationId == stored.Id).OrderBy(t => t.Sequence).ToListAsync();
        Assert.Equal(4, turns.Count);
        Assert.Contains("138****5678", turns[0].Text, StringComparison.Ordinal);
        Assert.Equal("gjj-retire-withdraw", turns[3].MatterId);
    }
}
