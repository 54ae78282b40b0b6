using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Fakes;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the database decides who takes a waiting conversation. A citizen queued on node A is taken by an agent on
/// node B, whose queue lists it; two agents on two nodes accepting at once: one gets it, the other 409. Two in-process hosts on one database
/// (SQLite file, or PostgreSQL), through the agent API, on a Friday at 10:00 Beijing time.
/// </summary>
public sealed class HandoffAcceptNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task AnAgentOnTheOtherNodeTakesAConversationQueuedOnOneNode()
    {
        using var nodeA = Node(new BotApiFactory());
        using var nodeB = Node(BotApiFactory.On(nodeA.Content));

        // Node B runs before the person asks (a node starting later would read the open rows at start anyway).
        var agentOnB = await nodeB.SignInAsync("gjj01");
        var person = await QueuedAsync(nodeA);

        // The queue on B lists what waits on A (read from the rows).
        var id = await agentOnB.FirstWaitingAsync();
        Assert.Equal(await (await nodeA.SignInAsync("banzhang")).FirstWaitingAsync(), id);

        using var accepted = await agentOnB.PostAsync($"/api/agent/conversations/{id}/accept", null);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        using var sent = await agentOnB.PostAsJsonAsync($"/api/agent/conversations/{id}/messages", new { text = "您好，我是王敏，请讲。" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        // Node A, where the person writes, knows the conversation is taken: no "you are still waiting" answer.
        Assert.DoesNotContain(await person.SayAsync("我想问提取材料"), r => r.Type == "message" && r.Text.Contains("前面", StringComparison.Ordinal));
        var turns = await agentOnB.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after=0");
        Assert.Contains(turns.EnumerateArray(), t => t.GetProperty("text").GetString() == "我想问提取材料");
        var queueOnA = await (await nodeA.SignInAsync("banzhang")).GetFromJsonAsync<JsonElement>("/api/agent/queue");
        Assert.Empty(queueOnA.GetProperty("waiting").EnumerateArray());
    }

    [Fact]
    public async Task TwoAgentsOnTwoNodesRaceToAcceptOnOneSqliteFileAndOneWins()
    {
        using var nodeA = Node(new BotApiFactory());
        using var nodeB = Node(BotApiFactory.On(nodeA.Content));
        await RaceAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task TwoAgentsOnTwoNodesRaceToAcceptOnPostgresAndOneWins()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(database.Host());
        using var nodeB = Node(database.Host(nodeA.Content));
        await RaceAsync(nodeA, nodeB);
    }

    // Several rounds, each a new conversation: exactly one accept wins, the other is told it was taken (409).
    private static async Task RaceAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var agentOnA = await nodeA.SignInAsync("gjj01");
        var supervisorOnB = await nodeB.SignInAsync("banzhang");
        for (var round = 0; round < 5; round++)
        {
            await QueuedAsync(nodeA);
            var id = await agentOnA.FirstWaitingAsync();
            var url = $"/api/agent/conversations/{id}/accept";
            var answers = await Task.WhenAll(agentOnA.PostAsync(url, null), supervisorOnB.PostAsync(url, null));
            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
            Assert.Equal("NotWaiting", (await loser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
            var winner = answers[0].StatusCode == HttpStatusCode.NoContent ? agentOnA : supervisorOnB;
            using var closed = await winner.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { outcome = "Resolved" });
            Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    internal static async Task<BotClient> QueuedAsync(BotApiFactory node)
    {
        var person = new BotClient(node.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");
        return person;
    }

    private BotApiFactory Node(BotApiFactory host) => Node(host, _clock);

    internal static BotApiFactory Node(BotApiFactory host, TimeProvider clock) =>
        DirectLineClient.Configure(host)
            .WithSetting("Handoff:Assignment", "Pick")
            .WithSetting("Handoff:MonitorIntervalMilliseconds", "60000")
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<IChannelAdapter>(new RecordingChannelAdapter());
            });
}
