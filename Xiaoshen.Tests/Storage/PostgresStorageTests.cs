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

    // Several nodes share one PostgreSQL (max_connections 100 by default, as is Npgsql's own pool limit): each node keeps
    // to Storage:PostgresPoolSize connections, and a burst of citizens waits for one instead of being refused.
    [PostgresFact]
    public async Task ABurstOfCitizensIsAnsweredWithinTheNodesConnectionLimit()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var content = new TestKnowledgeBase();
        using var node = database.Host(content).WithSetting("Storage:PostgresPoolSize", "2");
        var client = node.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(n => new BotClient(client, $"burst-{n}").SayAsync("退休了公积金怎么取")));
        await node.Services.GetRequiredService<StorageWriter>().FlushAsync();

        Assert.All(answers, a => Assert.Contains("离休、退休提取住房公积金", a.Last(r => r.Type == "message").Text, StringComparison.Ordinal));
        await using var look = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await look.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", look);
        Assert.InRange((long)(await count.ExecuteScalarAsync())!, 1, 2);
    }

    private const string Question = "退休了公积金怎么取";

    // issue 13: on some disks PostgreSQL's log flush stalls for hundreds of milliseconds, and a message relayed to an
    // agent on another node waited for it. A committed turn is readable at once; its answer still waits for the disk.
    [PostgresFact]
    public async Task ATurnIsReadableBeforeTheDiskHasItButAnsweredOnlyOnceItHas()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var content = new TestKnowledgeBase();
        var disk = new StallingDisk();
        using var node = database.Host(content).WithServices(s => s.AddSingleton<IDatabaseLogFlush>(disk));
        var person = new BotClient(node.CreateClient(), "stalled-disk");
        await person.SayAsync("你好");

        var answer = await SayWhileTheDiskStallsAsync(database, disk, async () => (await person.SayAsync(Question)).Last(r => r.Type == "message").Text);

        Assert.Contains("离休、退休提取住房公积金", answer, StringComparison.Ordinal);
    }

    // The same in the web chat (Direct Line): the person's own activity in the log does not wait for the disk before
    // their turn runs either (the turn is what an agent on another node reads); the post is answered once both are on it.
    [PostgresFact]
    public async Task AWebChatTurnIsReadableBeforeTheDiskHasItButAnsweredOnlyOnceItHas()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var content = new TestKnowledgeBase();
        var disk = new StallingDisk();
        using var node = WebChatOn(database, content, disk);
        var person = await new DirectLineClient(node.CreateClient()).StartAsync();

        var answer = await SayWhileTheDiskStallsAsync(database, disk, async () => await AnswerToAsync(person, await person.PostAsync(Question)));

        Assert.Contains("离休、退休提取住房公积金", answer, StringComparison.Ordinal);
    }

    // A web chat turn stores the person's state and then the answer; the state need not reach the disk on its own,
    // since the answer's durable append puts both there. One flush answers the person (it took two, one per write).
    [PostgresFact]
    public async Task AWebChatTurnWaitsForTheDiskOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var content = new TestKnowledgeBase();
        var disk = new StallingDisk();
        using var node = WebChatOn(database, content, disk);
        var person = await new DirectLineClient(node.CreateClient()).StartAsync();
        await node.Services.GetRequiredService<StorageWriter>().FlushAsync();

        disk.Stall();
        var posted = person.PostAsync(Question);
        await Eventually.TrueAsync(() => Task.FromResult(disk.Waiting), "nothing waited for the disk");
        disk.LetOneThrough();
        await Eventually.TrueAsync(() => Task.FromResult(posted.IsCompleted || disk.Waiting), "the turn neither ended nor waited again");

        var waitedAgain = !posted.IsCompleted;
        disk.Release();
        var id = await posted;
        Assert.False(waitedAgain, "the person's answer waited for a second flush");
        Assert.Contains("离休、退休提取住房公积金", await AnswerToAsync(person, id), StringComparison.Ordinal);
    }

    // A web chat node on the test's database whose log flushes go through the given disk.
    private static Api.BotApiFactory WebChatOn(PostgresDatabase database, TestKnowledgeBase content, StallingDisk disk) =>
        DirectLineClient.Configure(database.Host(content)).WithServices(s => s.AddSingleton<IDatabaseLogFlush>(disk));

    // The text of Xiaoshen's last reply to the person's activity.
    private static async Task<string> AnswerToAsync(DirectLineClient person, string activityId)
    {
        var (activities, _) = await person.ActivitiesAsync();
        return activities.Last(a => a.TryGetProperty("replyToId", out var to) && to.GetString() == activityId).GetProperty("text").GetString()!;
    }

    // Asks the question while the disk stalls: its turn becomes readable, something waits for the disk, and the person
    // is not answered until the disk is released. Returns the answer's text.
    private static async Task<string> SayWhileTheDiskStallsAsync(PostgresDatabase database, StallingDisk disk, Func<Task<string>> ask)
    {
        disk.Stall();
        var answer = ask();
        await using var look = new NpgsqlConnection(database.ConnectionString);
        await look.OpenAsync();
        await Eventually.TrueAsync(async () => await TurnsAsync(look, Question) == 1, "the turn was not readable while the disk stalled");
        await Eventually.TrueAsync(() => Task.FromResult(disk.Waiting), "nothing waited for the disk");

        Assert.False(answer.IsCompleted, "the person was answered before the turn was on disk");
        disk.Release();
        return await answer;
    }

    private static async Task<long> TurnsAsync(NpgsqlConnection connection, string text)
    {
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM "Turns" WHERE "Text" = @text""", connection);
        count.Parameters.AddWithValue("text", text);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    // The database server's disk, which can be made to stall flushes until released, or let them through one at a time
    // (the flush itself is PostgreSQL's).
    private sealed class StallingDisk : IDatabaseLogFlush
    {
        private readonly object _gate = new();
        private bool _stalled;
        private int _passes;
        private int _waiting;

        // A flush is held up now (not one that was just let through and has yet to wake).
        public bool Waiting
        {
            get
            {
                lock (_gate)
                {
                    return _waiting > _passes;
                }
            }
        }

        public void Stall()
        {
            lock (_gate)
            {
                _stalled = true;
                _passes = 0;
            }
        }

        public void Release() => Signal(() => _stalled = false);

        public void LetOneThrough() => Signal(() => _passes++);

        public void Flush(XiaoshenDbContext db)
        {
            lock (_gate)
            {
                _waiting++;
                while (_stalled && _passes == 0)
                {
                    Monitor.Wait(_gate);
                }

                if (_stalled)
                {
                    _passes--;
                }

                _waiting--;
            }

            new PostgresLogFlush().Flush(db);
        }

        private void Signal(Action change)
        {
            lock (_gate)
            {
                change();
                Monitor.PulseAll(_gate);
            }
        }
    }

    // The operator's own limit in the connection string stays, whichever of Npgsql's spellings it uses.
    [Theory]
    [InlineData("Host=db;Database=xiaoshen;Maximum Pool Size=7", 7)]
    [InlineData("Host=db;Database=xiaoshen;MaxPoolSize=7", 7)]
    [InlineData("Host=db;Database=xiaoshen;maximum pool size=7", 7)]
    [InlineData("Host=db;Database=xiaoshen", 40)]
    [InlineData("Host=db;Database=xiaoshen;Minimum Pool Size=50", 50)]
    public void AConnectionLimitInTheConnectionStringIsKept(string configured, int limit) =>
        Assert.Equal(limit, new NpgsqlConnectionStringBuilder(StorageExtensions.ForNodes(configured, 40)).MaxPoolSize);

    // Statements are prepared and connections kept as they are unless the operator says otherwise: behind a pooler in
    // transaction mode (PgBouncer before 1.21), prepared statements must be off, and "Max Auto Prepare=0" says so.
    [Theory]
    [InlineData("Host=db;Database=xiaoshen", 64, true)]
    [InlineData("Host=db;Database=xiaoshen;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;Database=xiaoshen;maxautoprepare=5;No Reset On Close=false", 5, false)]
    public void StatementPreparationAndConnectionResetFollowTheConnectionString(string configured, int prepared, bool noReset)
    {
        var node = new NpgsqlConnectionStringBuilder(StorageExtensions.ForNodes(configured, 40));
        Assert.Equal((prepared, noReset), (node.MaxAutoPrepare, node.NoResetOnClose));
    }
}
