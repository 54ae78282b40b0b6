using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Fakes;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the handoff's clock reads its due rows from the database, so a conversation queued on a node that died
/// (or never ticks) is escalated, told how the wait goes, reminded and closed by another node, once. The node that
/// queued it is stopped before the clock moves; the other node's clock ticks twice at once (its monitor is taken out,
/// so the test drives the ticks). Two in-process hosts on one database (SQLite file; PostgreSQL with Redis), on a
/// Friday at 10:00 Beijing time. What the person was told is recorded by one channel that both nodes push through.
/// </summary>
public sealed class HandoffClockNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly RecordingChannelAdapter _channel = new();

    [Fact]
    public async Task AConversationWaitingOnADeadNodeIsEscalatedAndUpdatedOnceByTheOtherOnOneSqliteFile()
    {
        using var survivor = Node(new BotApiFactory());
        await WaitingOnADeadNodeAsync(survivor, Node(BotApiFactory.On(survivor.Content)));
    }

    [RedisFact(withPostgres: true)]
    public async Task AConversationWaitingOnADeadNodeIsEscalatedAndUpdatedOnceByTheOtherOnPostgresAndRedis()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var survivor = Node(deployment.Join(database.Host()));
        await WaitingOnADeadNodeAsync(survivor, Node(deployment.Join(database.Host(survivor.Content))));
    }

    [Fact]
    public async Task ASilentPersonOfADeadNodeIsRemindedThenClosedOnceByTheOtherOnOneSqliteFile()
    {
        using var survivor = Node(new BotApiFactory());
        await SilentOnADeadNodeAsync(survivor, Node(BotApiFactory.On(survivor.Content)));
    }

    [RedisFact(withPostgres: true)]
    public async Task ASilentPersonOfADeadNodeIsRemindedThenClosedOnceByTheOtherOnPostgresAndRedis()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var survivor = Node(deployment.Join(database.Host()));
        await SilentOnADeadNodeAsync(survivor, Node(deployment.Join(database.Host(survivor.Content))));
    }

    [Fact]
    public async Task TheDepartmentClosingEndsAWaitOfADeadNodeOnceOnTheOther()
    {
        using var survivor = Node(new BotApiFactory());
        var (person, id) = await QueuedOnADeadNodeAsync(survivor, Node(BotApiFactory.On(survivor.Content)));

        // 12:00: the 公积金 centre's morning hours are over.
        _clock.Advance(TimeSpan.FromHours(2));
        await TickTwiceAsync(survivor);

        Assert.Single(_channel.To(person.ConversationId), t => t.Contains("人工服务时间已经结束", StringComparison.Ordinal));
        var row = await RowAsync(survivor, id);
        Assert.Equal(HandoffOutcome.ClosedAfterHours, row.Outcome);
        Assert.Empty((await (await survivor.SignInAsync("banzhang")).GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("waiting").EnumerateArray());
    }

    [Fact]
    public async Task ACopyOfARowClosedOnTheOtherNodeIsForgottenAtTheNextTickOnOneSqliteFile()
    {
        using var a = Node(new BotApiFactory());
        await ClosedOnTheOtherNodeAsync(a, Node(BotApiFactory.On(a.Content)));
    }

    [RedisFact(withPostgres: true)]
    public async Task ACopyOfARowClosedOnTheOtherNodeIsForgottenAtTheNextTickOnPostgresAndRedis()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var a = Node(deployment.Join(database.Host()));
        await ClosedOnTheOtherNodeAsync(a, Node(deployment.Join(database.Host(a.Content))));
    }

    // Both nodes live. B's clock takes up A's waiting conversation (it escalates it); an agent on A accepts and closes it.
    // B never looks at that conversation again, so only its next tick can let go of the copy and of the conversation it
    // kept pinned in memory: before, every handoff a node had ever ticked stayed there for the life of the process.
    private async Task ClosedOnTheOtherNodeAsync(BotApiFactory a, BotApiFactory b)
    {
        using var nodeB = b;
        var supervisorOnB = await nodeB.SignInAsync("banzhang");
        await HandoffAcceptNodesTests.QueuedAsync(a);
        var id = await supervisorOnB.FirstWaitingAsync();

        _clock.Advance(TimeSpan.FromSeconds(61));
        await TickTwiceAsync(nodeB);
        var copy = HeldBy(nodeB, id);
        Assert.NotNull(copy);
        Assert.NotNull((await RowAsync(a, id)).EscalatedAt);

        var agent = await a.SignInAsync("gjj01");
        using (var accepted = await agent.PostAsync($"/api/agent/conversations/{id}/accept", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        using (var closed = await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { outcome = "Resolved" }))
        {
            Assert.True(closed.IsSuccessStatusCode);
        }

        // B lets go within a minute (the sweep is housekeeping, run once a minute).
        _clock.Advance(TimeSpan.FromMinutes(1));
        await TickTwiceAsync(nodeB);

        Assert.Null(HeldBy(nodeB, id));
        var stored = await nodeB.Services.GetRequiredService<ConversationStore>().FindAsync(id, CancellationToken.None);
        Assert.NotSame(copy.Conversation, stored);
        Assert.False(stored!.IsWithHumans);
    }

    private static HandoffCopy? HeldBy(BotApiFactory node, Guid conversationId)
    {
        var copies = node.Services.GetRequiredService<HandoffCopies>();
        lock (copies.Gate)
        {
            return copies.Find(conversationId);
        }
    }

    // 61 s after 转人工 on the dead node: the backup group (一网通办, general01) sees the wait on the survivor, and the
    // person hears once how it goes.
    private async Task WaitingOnADeadNodeAsync(BotApiFactory survivor, BotApiFactory dead)
    {
        var backupAgent = await survivor.SignInAsync("general01");
        var (person, id) = await QueuedOnADeadNodeAsync(survivor, dead);
        Assert.Empty((await backupAgent.GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("waiting").EnumerateArray());

        _clock.Advance(TimeSpan.FromSeconds(61));
        await TickTwiceAsync(survivor);

        var waiting = (await backupAgent.GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("waiting").EnumerateArray().Single();
        Assert.Equal(id, waiting.GetProperty("conversationId").GetGuid());
        Assert.Single(_channel.To(person.ConversationId), t => t.StartsWith("仍在为您排队", StringComparison.Ordinal));
        Assert.NotNull((await RowAsync(survivor, id)).EscalatedAt);
    }

    // An agent accepted and answered on the node that then died; their console goes on with the survivor (heard there,
    // so their chat is not queued again); the person says nothing more. Five minutes later the survivor reminds them
    // once, three minutes after that it closes once, and the person's next words are Xiaoshen's.
    private async Task SilentOnADeadNodeAsync(BotApiFactory survivor, BotApiFactory dead)
    {
        survivor.CreateClient().Dispose();
        var person = await HandoffAcceptNodesTests.QueuedAsync(dead);
        var agent = await dead.SignInAsync("gjj01");
        var id = await agent.FirstWaitingAsync();
        using (var accepted = await agent.PostAsync($"/api/agent/conversations/{id}/accept", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        using (var sent = await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/messages", new { text = "您好，我是王敏，请讲。" }))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        dead.Dispose();
        var agentOnSurvivor = await survivor.SignInAsync("gjj01");

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await HandoffAgentsNodesTests.HeardAsync(agentOnSurvivor);
        await TickTwiceAsync(survivor);
        Assert.Single(_channel.To(person.ConversationId), t => t.StartsWith("请问您还在吗", StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        await HandoffAgentsNodesTests.HeardAsync(agentOnSurvivor);
        await TickTwiceAsync(survivor);
        Assert.Single(_channel.To(person.ConversationId), t => t.StartsWith("由于长时间没有收到您的回复", StringComparison.Ordinal));
        Assert.Equal(HandoffOutcome.PersonSilent, (await RowAsync(survivor, id)).Outcome);

        var onSurvivor = new BotClient(survivor.CreateClient(), person.ConversationId);
        Assert.NotEmpty(await onSurvivor.SayAsync("退休了公积金怎么取"));
    }

    // The survivor runs first and holds no copy of the conversation; the node the person queued on is stopped after.
    private static async Task<(BotClient Person, Guid Id)> QueuedOnADeadNodeAsync(BotApiFactory survivor, BotApiFactory dead)
    {
        var supervisor = await survivor.SignInAsync("banzhang");
        var person = await HandoffAcceptNodesTests.QueuedAsync(dead);
        dead.Dispose();
        return (person, await supervisor.FirstWaitingAsync());
    }

    // Two ticks of the survivor's clock at once: each due change is claimed on its row, so it is made once.
    private static Task TickTwiceAsync(BotApiFactory node)
    {
        var handoff = node.Services.GetRequiredService<HandoffClock>();
        return Task.WhenAll(handoff.TickAsync(CancellationToken.None), handoff.TickAsync(CancellationToken.None));
    }

    private static async Task<HandoffSession> RowAsync(BotApiFactory node, Guid id)
    {
        await node.Services.GetRequiredService<StorageWriter>().FlushAsync();
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().HandoffSessions.AsNoTracking().SingleAsync(s => s.ConversationId == id);
    }

    /// <summary>The host without its handoff monitor: the test ticks the clock itself, so no tick runs behind its back when the fake clock moves.</summary>
    internal static BotApiFactory WithoutMonitor(BotApiFactory host) => host.WithServices(s =>
    {
        foreach (var monitor in s.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(HandoffMonitor)).ToList())
        {
            s.Remove(monitor);
        }
    });

    // Pick mode, one channel for both nodes, and no monitor.
    private BotApiFactory Node(BotApiFactory host) =>
        WithoutMonitor(DirectLineClient.Configure(host)
            .WithSetting("Handoff:Assignment", "Pick")
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<IChannelAdapter>(_channel);
            }));
}
