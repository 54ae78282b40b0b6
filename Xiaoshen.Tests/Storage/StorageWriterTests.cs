using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Storage;

/// <summary>issue 11: a change the database refuses for good is kept aside, with an error, and holds up nothing else.</summary>
public sealed class StorageWriterTests
{
    [Fact]
    public async Task AChangeTheDatabaseRefusesIsKeptAsADeadLetterAndTheConversationGoesOn()
    {
        using var factory = new BotApiFactory();
        var person = new BotClient(factory.CreateClient(), "dead-letter");
        await person.SayAsync("退休了公积金怎么取");
        var writer = factory.Services.GetRequiredService<StorageWriter>();

        // The same log row twice: the second breaks the primary key, whatever batch it lands in.
        writer.Enqueue(db => db.DirectLineActivities.Add(Row()));
        writer.Enqueue(db => db.DirectLineActivities.Add(Row()));
        var answer = await person.SayAsync("那要带什么材料");
        using var health = await factory.CreateClient().GetAsync("/health");

        Assert.Contains(answer, r => r.Text.Contains("申请材料", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await writer.FlushAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var conversation = await db.Conversations.SingleAsync(c => c.ChannelConversationId == "dead-letter");
        Assert.Equal(4, await db.Turns.CountAsync(t => t.ConversationId == conversation.Id));
        Assert.Equal(1, await db.DirectLineActivities.CountAsync(a => a.ConversationId == "refused"));
        var letter = await db.DeadLetters.SingleAsync();
        Assert.Equal("DirectLineActivityRecord Added", letter.Change);
        Assert.Contains("138****5678", letter.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", letter.Json, StringComparison.Ordinal);
        Assert.Contains("UNIQUE", letter.Error, StringComparison.OrdinalIgnoreCase);
    }

    // issue 13: saving a conversation wrote back every turn EF had attached to it, one UPDATE per turn; once retention
    // had removed those rows, the update matched nothing and the conversation's own change became a dead letter.
    [Fact]
    public async Task AConversationWhoseOldTurnsWereRemovedIsStillSavedWithoutADeadLetter()
    {
        using var factory = new BotApiFactory();
        var person = new BotClient(factory.CreateClient(), "turns-removed");
        await person.SayAsync("退休了公积金怎么取");
        var writer = factory.Services.GetRequiredService<StorageWriter>();
        await writer.FlushAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var id = (await db.Conversations.AsNoTracking().SingleAsync(c => c.ChannelConversationId == "turns-removed")).Id;
        await db.Turns.Where(t => t.ConversationId == id).ExecuteDeleteAsync();

        var answer = await person.SayAsync("那要带什么材料");
        await writer.FlushAsync();

        Assert.Contains(answer, r => r.Text.Contains("申请材料", StringComparison.Ordinal));
        Assert.Empty(await db.DeadLetters.AsNoTracking().ToListAsync());
        Assert.Equal(2, await db.Turns.CountAsync(t => t.ConversationId == id));
    }

    private static DirectLineActivityRecord Row() => new()
    {
        ConversationId = "refused",
        Sequence = 0,
        Json = """{"type":"message","text":"我手机13812345678"}""",
        At = DateTimeOffset.UtcNow,
    };
}
