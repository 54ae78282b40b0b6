using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Attachments;
using Xiaoshen.Bot.KnowledgeAdmin;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Storage;

/// <summary>issue 11: transcripts and uploads older than the retention period are deleted by the daily job; younger ones stay.</summary>
public sealed class RetentionTests : IDisposable
{
    // Real time, because uploaded files carry the file system's own times.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly BotApiFactory _factory;

    public RetentionTests() =>
        _factory = DirectLineClient.Configure(new BotApiFactory())
            .WithSetting("Retention:Days", "180")
            .WithServices(s => s.AddSingleton<TimeProvider>(_clock));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TheDailyJobDeletesTranscriptsAndUploadsOlderThanTheRetention()
    {
        var old = new BotClient(_factory.CreateClient(), Guid.NewGuid().ToString("N"));
        foreach (var text in new[] { "退休了公积金怎么取", "有帮助", "留言", "公积金怎么一次取完", "13812345678", "都可以", "确认" })
        {
            await old.SayAsync(text);
        }

        var webChat = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await webChat.PostAsync("社保卡丢了怎么补办");
        var file = await UploadAsync(webChat);
        Assert.True(File.Exists(file));
        Assert.Equal(1, await CountUploadsAsync());
        Assert.Equal(2, await CountAsync(db => db.Conversations));
        var editing = _factory.Services.GetRequiredService<KnowledgeEditing>();
        await editing.IgnoreAsync("gjj-agent", ["我想问一下我的公积金账户", "公积金账户问题"], "公积金账户问题", CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(181));
        await Eventually.TrueAsync(async () => await CountAsync(db => db.Conversations) == 0, "the retention job did not run");
        var recent = new BotClient(_factory.CreateClient(), Guid.NewGuid().ToString("N"));
        await recent.SayAsync("居住证积分要什么条件");
        var recentWebChat = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await recentWebChat.PostAsync("居住证怎么续签");
        _clock.Advance(TimeSpan.FromDays(1));
        await Eventually.TrueAsync(async () => !File.Exists(file) && await CountAsync(db => db.Conversations) == 2, "the retention job did not run");

        Assert.Equal(0, await CountUploadsAsync());
        Assert.Equal(0, await CountAsync(db => db.Feedback));
        Assert.Equal(0, await CountAsync(db => db.CallbackTickets));
        Assert.All(await ListAsync(db => db.DirectLineActivities), a => Assert.Equal(recentWebChat.ConversationId, a.ConversationId));
        Assert.Equal(5, await CountAsync(db => db.Turns));
        Assert.Equal(2, await CountAsync(db => db.BotStates));
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));

        // The old log's counter went with it; the recent log keeps its own.
        var counter = Assert.Single(await ListAsync(db => db.DirectLineWatermarks));
        Assert.Equal(recentWebChat.ConversationId, counter.ConversationId);

        // The editors' audit trail stays, without the people's questions it covered.
        var edit = Assert.Single(await ListAsync(db => db.ContentEdits));
        Assert.Equal(("gjj-agent", ContentEdit.IgnoredOutcome, string.Empty, string.Empty), (edit.HumanAgentId, edit.Outcome, edit.Covers, edit.Wording));
    }

    private async Task<string> UploadAsync(DirectLineClient client)
    {
        using var posted = await DirectLineUploadTests.UploadAsync(client, [("image/png", "身份证.png", DirectLineUploadTests.PngBytes)]);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var (activities, _) = await client.ActivitiesAsync();
        var upload = Assert.Single(activities, a => a.GetProperty("from").GetProperty("role").GetString() == "user" && a.TryGetProperty("attachments", out var files) && files.GetArrayLength() > 0);
        var link = new Uri(upload.GetProperty("attachments")[0].GetProperty("contentUrl").GetString()!);
        var name = link.Segments[^1];
        return _factory.Services.GetRequiredService<AttachmentStore>().PathOf(client.ConversationId, name);
    }

    // The uploads' rows (issue 13), read with SQL: the table is what this counts, whichever entity maps it.
    private async Task<int> CountUploadsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"Uploads\"").SingleAsync();
    }

    private async Task<int> CountAsync<T>(Func<XiaoshenDbContext, IQueryable<T>> rows)
        where T : class => (await ListAsync(rows)).Count;

    private async Task<List<T>> ListAsync<T>(Func<XiaoshenDbContext, IQueryable<T>> rows)
        where T : class
    {
        await _factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var scope = _factory.Services.CreateAsyncScope();
        return await rows(scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>()).AsNoTracking().ToListAsync();
    }
}
