using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Fakes;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the console's 忙碌 switch holds on every node. 王敏's agent-API client is heard on both nodes; she switches to
/// busy in the console served by node B; a person asking for a person on node A is queued, not given to her. Switched back
/// to available on B, she gets the conversation. Two in-process hosts on PostgreSQL and Redis (the switch is kept with
/// the presence), automatic assignment, on a Friday at 10:00 Beijing time.
/// </summary>
public sealed class HandoffBusyNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [RedisFact(withPostgres: true)]
    public async Task AnAgentBusyOnOneNodeGetsNoConversationFromTheOther()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(deployment.Join(database.Host()));
        using var nodeB = Node(deployment.Join(database.Host(nodeA.Content)));
        var agent = new Dictionary<BotApiFactory, HttpClient>();
        foreach (var node in new[] { nodeA, nodeB })
        {
            agent[node] = await node.SignInAsync("gjj01");
            using var heard = await agent[node].GetAsync("/api/agent/queue");
            heard.EnsureSuccessStatusCode();
        }

        await nodeB.Services.GetRequiredService<HandoffPresence>().SetAvailableAsync("gjj01", false, CancellationToken.None);
        var person = new BotClient(nodeA.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        var queued = await person.SayAsync("转人工");

        Assert.DoesNotContain(queued, a => a.Text.Contains("已为您接通", StringComparison.Ordinal));
        Assert.Contains(queued, a => a.Text.Contains("前面还有 0 位", StringComparison.Ordinal));
        Assert.Empty(await MineAsync(agent[nodeA]));

        await nodeB.Services.GetRequiredService<HandoffPresence>().SetAvailableAsync("gjj01", true, CancellationToken.None);

        Assert.Single(await MineAsync(agent[nodeB]));
    }

    /// <summary>The conversations the agent is answering, as their agent-API client lists them.</summary>
    internal static async Task<List<JsonElement>> MineAsync(HttpClient agent) =>
        (await agent.GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("mine").EnumerateArray().ToList();

    private BotApiFactory Node(BotApiFactory host) =>
        HandoffClockNodesTests.WithoutMonitor(DirectLineClient.Configure(host)
            .WithSetting("Handoff:Assignment", "Auto")
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<IChannelAdapter>(new RecordingChannelAdapter());
            }));
}
