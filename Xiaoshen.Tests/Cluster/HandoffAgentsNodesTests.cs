using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Fakes;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: every node knows the same agents (the accounts, with the shared presence and their chats from the rows), so
/// it does not matter which node an agent's console or agent-API client reaches. 王敏 (公积金) is heard on one node only;
/// the other node gives her conversations at once, tells people that someone is there, lists her with her chats, and
/// counts her chats given through the other node against her limit. Two in-process hosts on one database with one
/// presence: a SQLite file with the nodes sharing the in-memory presence, or PostgreSQL with Redis; automatic assignment
/// with the monitor off (the passes run when people queue), on a Friday at 10:00 Beijing time.
/// </summary>
public sealed class HandoffAgentsNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task AnAgentHeardOnlyOnTheOtherNodeGetsAConversationQueuedOnOneAtOnceOnOneSqliteFile()
    {
        var presence = new InMemoryHumanAgentPresence();
        using var nodeA = Node(new BotApiFactory(), presence);
        using var nodeB = Node(BotApiFactory.On(nodeA.Content), presence);
        await GivenAtOnceAsync(nodeA, nodeB);
    }

    [RedisFact(withPostgres: true)]
    public async Task AnAgentHeardOnlyOnTheOtherNodeGetsAConversationQueuedOnOneAtOnceOnPostgresAndRedis()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(deployment.Join(database.Host()));
        using var nodeB = Node(deployment.Join(database.Host(nodeA.Content)));
        await GivenAtOnceAsync(nodeA, nodeB);
    }

    [Fact]
    public async Task APersonOnOneNodeIsToldThatAnAgentHeardOnTheOtherIsOnline()
    {
        var presence = new InMemoryHumanAgentPresence();
        using var nodeA = Node(new BotApiFactory(), presence);
        using var nodeB = Node(BotApiFactory.On(nodeA.Content), presence);
        await HeardAsync(nodeB, "gjj01");

        // She is busy (忙碌), so the person waits, and is told someone of the group is there, not that nobody is.
        await nodeB.Services.GetRequiredService<HandoffPresence>().SetAvailableAsync("gjj01", false, CancellationToken.None);
        var person = new BotClient(nodeA.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        var queued = await person.SayAsync("转人工");

        Assert.Contains(queued, a => a.Text.Contains("您前面还有 0 位，", StringComparison.Ordinal));
        Assert.DoesNotContain(queued, a => a.Text.Contains("暂时都不在线", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAgentsChatGivenThroughOneNodeCountsAgainstHerLimitOnTheOtherOnOneSqliteFile()
    {
        var presence = new InMemoryHumanAgentPresence();
        using var nodeA = Node(new BotApiFactory(), presence, limit: 1);
        using var nodeB = Node(BotApiFactory.On(nodeA.Content), presence, limit: 1);
        await LimitHeldAsync(nodeA, nodeB);
    }

    [RedisFact(withPostgres: true)]
    public async Task AnAgentsChatGivenThroughOneNodeCountsAgainstHerLimitOnTheOtherOnPostgresAndRedis()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(deployment.Join(database.Host()), limit: 1);
        using var nodeB = Node(deployment.Join(database.Host(nodeA.Content)), limit: 1);
        await LimitHeldAsync(nodeA, nodeB);
    }

    // Node A looked at the presence (its tick) before 王敏 was first heard on node B, where she then accepts a person
    // queued there; node A does nothing else meanwhile (she picks, so no assignment pass runs on A). A's next tick must
    // not take her for gone on its copy of the presence and queue the person again.
    [RedisFact(withPostgres: true)]
    public async Task AnAgentJustHeardOnTheOtherNodeKeepsHerConversationAtTheNextTickOnPostgresAndRedis()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = HandoffClockNodesTests.WithoutMonitor(HandoffAcceptNodesTests.Node(deployment.Join(database.Host()), _clock));
        using var nodeB = HandoffClockNodesTests.WithoutMonitor(HandoffAcceptNodesTests.Node(deployment.Join(database.Host(nodeA.Content)), _clock));
        var clockA = nodeA.Services.GetRequiredService<HandoffClock>();
        await clockA.TickAsync(CancellationToken.None);

        var agentOnB = await HeardAsync(nodeB, "gjj01");
        await HandoffAcceptNodesTests.QueuedAsync(nodeB);
        var id = Assert.Single(await HandoffCancelNodesTests.WaitingAsync(agentOnB)).GetProperty("conversationId").GetGuid();
        using var accepted = await agentOnB.PostAsync($"/api/agent/conversations/{id}/accept", null);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        await clockA.TickAsync(CancellationToken.None);

        Assert.Equal(id, Assert.Single(await HandoffBusyNodesTests.MineAsync(agentOnB)).GetProperty("conversationId").GetGuid());
    }

    // 王敏 is heard on node B only; a person asks for a person on node A.
    private static async Task GivenAtOnceAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var agentOnB = await HeardAsync(nodeB, "gjj01");
        var person = new BotClient(nodeA.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");

        var answer = await person.SayAsync("转人工");

        Assert.Contains(answer, a => a.Text.Contains("已为您接通", StringComparison.Ordinal) && a.Text.Contains("王敏", StringComparison.Ordinal));
        Assert.Single(await HandoffBusyNodesTests.MineAsync(agentOnB));
        var onBoardA = Assert.Single(await nodeA.Services.GetRequiredService<HandoffBoard>().AgentsAsync(CancellationToken.None), a => a.Id == "gjj01");
        Assert.True(onBoardA.Connected);
        Assert.Equal(1, onBoardA.ActiveChats);
    }

    // 王敏 (at most one chat) is heard on node A only and takes a conversation there; a second person asks on node B.
    private static async Task LimitHeldAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var agentOnA = await HeardAsync(nodeA, "gjj01");
        var first = new BotClient(nodeA.CreateClient(), Guid.NewGuid().ToString("N"));
        await first.SayAsync("退休了公积金怎么取");
        Assert.Contains(await first.SayAsync("转人工"), a => a.Text.Contains("已为您接通", StringComparison.Ordinal));

        var second = new BotClient(nodeB.CreateClient(), Guid.NewGuid().ToString("N"));
        await second.SayAsync("退休了公积金怎么取");
        var queued = await second.SayAsync("转人工");

        // Node B knows her online and at her limit: the second person waits (told someone is there), and B's board shows 1 / 1.
        Assert.DoesNotContain(queued, a => a.Text.Contains("已为您接通", StringComparison.Ordinal));
        Assert.Contains(queued, a => a.Text.Contains("您前面还有 0 位，", StringComparison.Ordinal));
        Assert.Single(await HandoffBusyNodesTests.MineAsync(agentOnA));
        var onBoardB = Assert.Single(await nodeB.Services.GetRequiredService<HandoffBoard>().AgentsAsync(CancellationToken.None), a => a.Id == "gjj01");
        Assert.Equal((true, 1, 1), (onBoardB.Connected, onBoardB.ActiveChats, onBoardB.MaxActiveChats));
    }

    // The agent signs in on the node and is heard there (every agent-API request is a heartbeat).
    private static async Task<HttpClient> HeardAsync(BotApiFactory node, string humanAgentId)
    {
        var agent = await node.SignInAsync(humanAgentId);
        await HeardAsync(agent);
        return agent;
    }

    /// <summary>The signed-in agent's client asks the node for the queue: a heartbeat there.</summary>
    internal static async Task HeardAsync(HttpClient agent)
    {
        using var heard = await agent.GetAsync("/api/agent/queue");
        Assert.Equal(HttpStatusCode.OK, heard.StatusCode);
    }

    // Nodes on one SQLite file share one presence, as nodes on Redis do.
    private BotApiFactory Node(BotApiFactory host, InMemoryHumanAgentPresence presence, int limit = 5) =>
        Node(host.WithServices(s => s.AddSingleton<IHumanAgentPresence>(presence)), limit);

    private BotApiFactory Node(BotApiFactory host, int limit = 5) =>
        HandoffClockNodesTests.WithoutMonitor(DirectLineClient.Configure(host)
            .WithSetting("Handoff:Assignment", "Auto")
            .WithSetting("Handoff:MaxActiveChatsPerHumanAgent", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<IChannelAdapter>(new RecordingChannelAdapter());
            }));
}
