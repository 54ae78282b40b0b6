using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the commands after the accept act on the open row in the database, so any node serves them. An agent
/// signed in on node B answers, transfers and closes a conversation accepted on node A; the person's messages on A reach
/// them; a node's stale copy does not overwrite what the other node stored. Two in-process hosts on one database
/// (SQLite file, or PostgreSQL), through the agent API, on a Friday at 10:00 Beijing time.
/// </summary>
public sealed class HandoffCommandNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task AnAgentOnTheOtherNodeAnswersAndClosesAConversationAcceptedOnOneSqliteFile()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        await AnswerAndCloseAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task AnAgentOnTheOtherNodeAnswersAndClosesAConversationAcceptedOnOnePostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = HandoffAcceptNodesTests.Node(database.Host(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(database.Host(nodeA.Content), _clock);
        await AnswerAndCloseAsync(nodeA, nodeB);
    }

    [Fact]
    public async Task AnAgentOnTheOtherNodeTransfersAConversationAcceptedOnOne()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        var (_, id, agentOnB) = await AcceptedOnAAsync(nodeA, nodeB);

        using var transferred = await agentOnB.PostAsJsonAsync($"/api/agent/conversations/{id}/transfer", new { departmentId = "rsj", note = "养老金的问题" });
        Assert.Equal(HttpStatusCode.NoContent, transferred.StatusCode);

        // Node A's queue shows it waiting for the other department, and an agent of it on A takes it.
        var rsjOnA = await nodeA.SignInAsync("rsj01");
        var waiting = (await rsjOnA.GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("waiting").EnumerateArray().Single();
        Assert.Equal(id, waiting.GetProperty("conversationId").GetGuid());
        Assert.Equal("rsj", waiting.GetProperty("departmentId").GetString());
        using var accepted = await rsjOnA.PostAsync($"/api/agent/conversations/{id}/accept", null);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
    }

    [Fact]
    public async Task ANodesStaleCopyDoesNotOverwriteTheUnseenCountTheOtherNodeStored()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        var (person, id, _) = await AcceptedOnAAsync(nodeA, nodeB);
        await person.SayAsync("我想问提取材料");
        await person.SayAsync("还有身份证");
        Assert.Equal(2, await UnseenAsync(nodeA, id));

        // The agent reads them in a console served by node B; then the person writes again on node A.
        await nodeB.Services.GetRequiredService<HandoffCommands>().SeenAsync(id, CancellationToken.None);
        Assert.Equal(0, await UnseenAsync(nodeA, id));
        await person.SayAsync("在吗");

        Assert.Equal(1, await UnseenAsync(nodeB, id));
    }

    [Fact]
    public async Task BothNodesClocksTellAWaitingPersonHowItGoesOnce()
    {
        // Without the monitors: moving the fake clock 61 s would also fire each node's monitor, whose tick nobody awaits,
        // and the turns read below could come before that tick's message is stored.
        using var nodeA = HandoffClockNodesTests.WithoutMonitor(HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock));
        using var nodeB = HandoffClockNodesTests.WithoutMonitor(HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock));
        var agentOnB = await nodeB.SignInAsync("gjj01");
        await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        var id = await agentOnB.FirstWaitingAsync();

        // Node B holds the waiting conversation too (its agent opened it); a minute later both nodes' clocks tick at once.
        using var opened = await agentOnB.GetAsync($"/api/agent/conversations/{id}/turns?after=0");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(61));
        await Task.WhenAll(
            nodeA.Services.GetRequiredService<HandoffClock>().TickAsync(CancellationToken.None),
            nodeB.Services.GetRequiredService<HandoffClock>().TickAsync(CancellationToken.None));

        var turns = await agentOnB.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after=0");
        Assert.Single(turns.EnumerateArray(), t => t.GetProperty("text").GetString()!.StartsWith("仍在为您排队", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APersonRatesOnOneNodeAServiceClosedOnTheOtherOnOneSqliteFile()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        await CloseOnBRateOnAAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task APersonRatesOnOneNodeAServiceClosedOnTheOtherOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = HandoffAcceptNodesTests.Node(database.Host(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(database.Host(nodeA.Content), _clock);
        await CloseOnBRateOnAAsync(nodeA, nodeB);
    }

    // The agent closes on node B; the person's rating, sent to node A, is the rating of that service (row and answer).
    private static async Task CloseOnBRateOnAAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var (person, id, agentOnB) = await AcceptedOnAAsync(nodeA, nodeB);
        using var closed = await agentOnB.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { outcome = "Resolved" });
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);

        var answer = await person.SayAsync("不满意 等太久了");

        Assert.Contains(answer, a => a.Text.StartsWith("感谢您的评价", StringComparison.Ordinal));
        await nodeA.Services.GetRequiredService<StorageWriter>().FlushAsync();
        using var scope = nodeB.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().HandoffSessions.AsNoTracking().SingleAsync(s => s.ConversationId == id);
        Assert.Equal(ServiceRating.Dissatisfied, row.Rating);
        Assert.Equal("等太久了", row.RatingComment);
        Assert.Null(row.RatingOpenUntil);
    }

    // Accepted on node A by gjj01; the same agent, signed in on node B, answers, hears the person and closes.
    private static async Task AnswerAndCloseAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var (person, id, agentOnB) = await AcceptedOnAAsync(nodeA, nodeB);

        using var sent = await agentOnB.PostAsJsonAsync($"/api/agent/conversations/{id}/messages", new { text = "您好，我是王敏，请讲。" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Single((await agentOnB.GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("mine").EnumerateArray());

        // The person, on node A, writes: the message is the agent's to read on B, and nobody tells them to wait.
        Assert.Empty(await person.SayAsync("我想问提取材料"));
        var turns = await agentOnB.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after=0");
        Assert.Contains(turns.EnumerateArray(), t => t.GetProperty("text").GetString() == "您好，我是王敏，请讲。");
        Assert.Contains(turns.EnumerateArray(), t => t.GetProperty("text").GetString() == "我想问提取材料");
        Assert.Equal(1, await UnseenAsync(nodeB, id));

        using var closed = await agentOnB.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { outcome = "Resolved" });
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        var agentOnA = await nodeA.SignInAsync("gjj01");
        Assert.Empty((await agentOnA.GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("mine").EnumerateArray());

        // Back on node A, the person is no longer in human hands: their next words are answered, not relayed to nobody.
        Assert.NotEmpty(await person.SayAsync("退休了公积金怎么取"));
    }

    // Node B runs before the accept, as a node of a deployment does (one starting later takes up open rows at start).
    internal static async Task<(BotClient Person, Guid Id, HttpClient AgentOnB)> AcceptedOnAAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var agentOnB = await nodeB.SignInAsync("gjj01");
        var person = await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        var agentOnA = await nodeA.SignInAsync("gjj01");
        var id = await agentOnA.FirstWaitingAsync();
        using var accepted = await agentOnA.PostAsync($"/api/agent/conversations/{id}/accept", null);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        return (person, id, agentOnB);
    }

    // The unseen count as the open row holds it, after the node's pending writes.
    private static async Task<int> UnseenAsync(BotApiFactory node, Guid id)
    {
        await node.Services.GetRequiredService<StorageWriter>().FlushAsync();
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return (await db.HandoffSessions.AsNoTracking().SingleAsync(s => s.ConversationId == id && s.EndedAt == null)).PersonMessagesUnseen;
    }
}
