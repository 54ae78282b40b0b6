using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: a person queued on node A whose next message reaches node B (behind a load balancer) leaves the queue there:
/// 取消 cancels it, 留言 turns it into a message for a call-back, and no agent's console shows it waiting any more, on
/// either node. Two in-process hosts on one database (SQLite file, or PostgreSQL), agents picking from the queue, on a
/// Friday at 10:00 Beijing time.
/// </summary>
public sealed class HandoffCancelNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task APersonQueuedOnOneNodeCancelsThroughTheOtherOnOneSqliteFile()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        await LeaveAsync(nodeA, nodeB, "取消", "已取消人工服务");
    }

    [PostgresFact]
    public async Task APersonQueuedOnOneNodeCancelsThroughTheOtherOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = HandoffAcceptNodesTests.Node(database.Host(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(database.Host(nodeA.Content), _clock);
        await LeaveAsync(nodeA, nodeB, "取消", "已取消人工服务");
    }

    [Fact]
    public async Task APersonQueuedOnOneNodeLeavesAMessageThroughTheOther()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        await LeaveAsync(nodeA, nodeB, "留言", "写下您要咨询的问题");
    }

    // Queued on node A, seen waiting by agents on both nodes; the person's word reaches node B.
    private static async Task LeaveAsync(BotApiFactory nodeA, BotApiFactory nodeB, string word, string answered)
    {
        var agentOnA = await nodeA.SignInAsync("gjj01");
        var agentOnB = await nodeB.SignInAsync("gjj01");
        var person = await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        Assert.Single(await WaitingAsync(agentOnA));
        Assert.Single(await WaitingAsync(agentOnB));

        var answer = await new BotClient(nodeB.CreateClient(), person.ConversationId).SayAsync(word);

        Assert.Contains(answer, a => a.Text.Contains(answered, StringComparison.Ordinal));
        Assert.Empty(await WaitingAsync(agentOnA));
        Assert.Empty(await WaitingAsync(agentOnB));
    }

    internal static async Task<List<JsonElement>> WaitingAsync(HttpClient agent) =>
        (await agent.GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("waiting").EnumerateArray().ToList();
}
