using System.Net;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: what a waiting person and a supervisor are shown comes from the rows, whichever node queued or assigned.
/// A person queued on node B hears the people waiting on node A ahead of them and the wait measured from a conversation
/// node A's agent took; the supervisor board on node B counts a conversation waiting on A and the chats an agent
/// took on A. Two in-process hosts on one database (SQLite file; PostgreSQL), on a Friday at 10:00 Beijing time, without
/// their monitors (the clock moves two minutes; a tick is not what is tried here).
/// </summary>
public sealed class HandoffQueryNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task APersonQueuedOnOneNodeHearsThePlaceAndWaitOfEveryNodeOnOneSqliteFile()
    {
        using var nodeA = Node(new BotApiFactory(), _clock);
        using var nodeB = Node(BotApiFactory.On(nodeA.Content), _clock);
        await PlaceAndWaitAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task APersonQueuedOnOneNodeHearsThePlaceAndWaitOfEveryNodeOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(database.Host(), _clock);
        using var nodeB = Node(database.Host(nodeA.Content), _clock);
        await PlaceAndWaitAsync(nodeA, nodeB);
    }

    [Fact]
    public async Task TheSupervisorBoardOnOneNodeCountsWhatWaitsAndWhatWasTakenOnTheOther()
    {
        using var nodeA = Node(new BotApiFactory(), _clock);
        using var nodeB = Node(BotApiFactory.On(nodeA.Content), _clock);
        var admin = await nodeB.SignInAsync("admin");
        var agentOnB = await nodeB.SignInAsync("gjj01");
        using (var heard = await agentOnB.GetAsync("/api/agent/queue"))
        {
            heard.EnsureSuccessStatusCode();
        }

        await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        var agentOnA = await nodeA.SignInAsync("gjj01");
        using (var accepted = await agentOnA.PostAsync($"/api/agent/conversations/{await agentOnA.FirstWaitingAsync()}/accept", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        // The board as node B renders it (its HTML encodes Chinese characters).
        var board = WebUtility.HtmlDecode(await admin.GetStringAsync("/console/supervisor"));

        Assert.Contains("<strong id=\"waiting\">1</strong>", board, StringComparison.Ordinal);
        Assert.Contains("<td>1 / 5</td>", board, StringComparison.Ordinal);
    }

    // 王敏, heard on both nodes, takes a person on node A after two minutes; two people wait on A, then one asks on B.
    private async Task PlaceAndWaitAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var agentOnB = await nodeB.SignInAsync("gjj01");
        using (var heard = await agentOnB.GetAsync("/api/agent/queue"))
        {
            heard.EnsureSuccessStatusCode();
        }

        var agentOnA = await nodeA.SignInAsync("gjj01");
        await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        _clock.Advance(TimeSpan.FromMinutes(2));
        using (var accepted = await agentOnA.PostAsync($"/api/agent/conversations/{await agentOnA.FirstWaitingAsync()}/accept", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        using (var heard = await agentOnB.GetAsync("/api/agent/queue"))
        {
            heard.EnsureSuccessStatusCode();
        }

        var person = new BotClient(nodeB.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        var queued = (await person.SayAsync("转人工")).First(r => r.Type == "message");

        Assert.Contains("前面还有 2 位", queued.Text, StringComparison.Ordinal);
        Assert.Contains("约 6 分钟", queued.Text, StringComparison.Ordinal);
    }

    private static BotApiFactory Node(BotApiFactory host, TimeProvider clock) =>
        HandoffClockNodesTests.WithoutMonitor(HandoffAcceptNodesTests.Node(host, clock));
}
