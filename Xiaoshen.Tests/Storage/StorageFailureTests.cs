using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Storage;

/// <summary>
/// issue 11: the real service process, on a database whose writes fail as on a full disk, and killed with kill -9
/// under a stream of questions. Nothing answered is lost; nothing is answered that is not stored.
/// </summary>
public sealed class StorageFailureTests(ITestOutputHelper output)
{
    private static readonly string[] Questions = ["退休了公积金怎么取", "社保卡丢了怎么补办", "那要带什么材料", "居住证积分要什么条件", "多久能办好"];

    [Fact]
    public async Task WhileWritesFailNothingIsAnsweredHealthIsUnhealthyButAliveAndEverythingIsStoredOnceTheyWork()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["Storage:CommitTimeoutSeconds"] = "2" });
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var person = new BotClient(http, "disk-full");
        var before = await person.SayAsync("退休了公积金怎么取");

        // Every write of the process to a file now fails, as when its disk is full.
        service.LimitFileWrites(1);
        var during = await person.SayAsync("那要带什么材料");
        using var unhealthy = await http.GetAsync("/health");
        using var alive = await http.GetAsync("/health/live");

        service.AllowFileWrites();
        await Eventually.TrueAsync(async () => (await http.GetAsync("/health")).IsSuccessStatusCode, "the service did not recover");
        var after = await person.SayAsync("多久能到账");

        Assert.Contains(before, r => r.Text.Contains("离休、退休提取住房公积金", StringComparison.Ordinal));
        Assert.Contains("系统繁忙", Assert.Single(during, r => r.Type == "message").Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("Unhealthy", await unhealthy.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Not ready for traffic, but alive: a load balancer stops sending to it, an orchestrator does not restart it.
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        // The conversation went on where it was (the state written during the failure was kept and stored)…
        Assert.Contains(after, r => r.Text.Contains("离休、退休提取住房公积金", StringComparison.Ordinal));

        // …and every turn, including the one that could not be answered, is in the database.
        var turns = (await StoredTurnsAsync(service.DatabaseFile)).GetValueOrDefault("disk-full") ?? [];
        Assert.Equal(["退休了公积金怎么取", "那要带什么材料", "多久能到账"], turns.Where(t => t.Role == TurnRole.User).Select(t => t.Text));
        Assert.Equal(6, turns.Count);
    }

    [Fact]
    public async Task EveryAnsweredTurnIsInTheDatabaseAfterTheProcessIsKilled()
    {
        using var content = new TestKnowledgeBase();
        var answered = new ConcurrentQueue<(string Conversation, string Question)>();
        await using (var service = await ServiceProcess.StartAsync(content: content))
        {
            using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                var person = new BotClient(http, $"kill-{c}");
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var question = $"{Questions[(i + c) % Questions.Length]}（第{i}问）";
                    try
                    {
                        if ((await person.SayAsync(question)).Any(r => r.Type == "message"))
                        {
                            answered.Enqueue((person.ConversationId, question));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();

            // Killed while the questions keep coming, right after the 200th answer arrived.
            while (answered.Count < 200 && clients.Any(c => !c.IsCompleted))
            {
                await Task.Delay(1);
            }

            await service.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        await using var restarted = await ServiceProcess.StartAsync(content: content);
        var stored = await StoredTurnsAsync(restarted.DatabaseFile);

        var missing = answered.Where(a => !IsStoredWithItsAnswer(stored.GetValueOrDefault(a.Conversation) ?? [], a.Question)).ToList();
        output.WriteLine($"{answered.Count} answered turns checked after kill -9 and restart; {missing.Count} missing; {stored.Sum(c => c.Value.Count)} turns stored in all");
        Assert.True(answered.Count >= 200, $"only {answered.Count} turns were answered");
        Assert.Empty(missing);
    }

    private static bool IsStoredWithItsAnswer(List<Turn> turns, string question)
    {
        var asked = turns.FindIndex(t => t.Role == TurnRole.User && t.Text == question);
        return asked >= 0 && asked + 1 < turns.Count && turns[asked + 1].Role == TurnRole.Bot;
    }

    // Turns per channel conversation id, in order, read from the service's SQLite file.
    private static async Task<Dictionary<string, List<Turn>>> StoredTurnsAsync(string file)
    {
        await using var db = new SqliteXiaoshenDbContext(new DbContextOptionsBuilder<SqliteXiaoshenDbContext>().UseSqlite($"Data Source={file}").Options);
        var conversations = await db.Conversations.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ChannelConversationId);
        var turns = await db.Turns.AsNoTracking().ToListAsync();
        return turns.GroupBy(t => conversations[t.ConversationId]).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Sequence).ToList());
    }
}
