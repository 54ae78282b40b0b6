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
/// issue 13: automatic assignment (<c>Handoff:Assignment=Auto</c>) with several nodes. Two agents of the 公积金 group,
/// each with a limit of two chats, whose agent-API clients reach both nodes (behind a load balancer); six people ask for
/// a person at once, three on each node. The database decides: four conversations are given, each once and to one
/// agent, each of those four people is told once who took it, nobody has more than two, and the other two wait. Two
/// in-process hosts on one database (SQLite file; PostgreSQL with Redis), on a Friday at 10:00 Beijing time.
/// </summary>
public sealed class HandoffAssignNodesTests
{
    private const int Limit = 2;
    private const int People = 6;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly RecordingChannelAdapter _channelA = new();
    private readonly RecordingChannelAdapter _channelB = new();

    [Fact]
    public async Task TwoNodesOnOneSqliteFileGiveEachConversationOnceWithinTheLimits()
    {
        using var nodeA = Node(new BotApiFactory(), _channelA);
        using var nodeB = Node(BotApiFactory.On(nodeA.Content), _channelB);
        await AssignOnceAsync(nodeA, nodeB);
    }

    [RedisFact(withPostgres: true)]
    public async Task TwoNodesOnPostgresAndRedisGiveEachConversationOnceWithinTheLimits()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(deployment.Join(database.Host()), _channelA);
        using var nodeB = Node(deployment.Join(database.Host(nodeA.Content)), _channelB);
        await AssignOnceAsync(nodeA, nodeB);
    }

    private async Task AssignOnceAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var agents = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var id in new[] { "gjj01", "rsj01" })
        {
            // Heard on both nodes (every agent-API request is a heartbeat), so each node may give them conversations.
            foreach (var node in new[] { nodeB, nodeA })
            {
                agents[id] = await node.SignInAsync(id);
                using var heard = await agents[id].GetAsync("/api/agent/queue");
                heard.EnsureSuccessStatusCode();
            }
        }

        var people = Enumerable.Range(0, People)
            .Select(i => new BotClient((i % 2 == 0 ? nodeA : nodeB).CreateClient(), Guid.NewGuid().ToString("N")))
            .ToList();
        await Task.WhenAll(people.Select(p => p.SayAsync("退休了公积金怎么取")));
        var answers = await Task.WhenAll(people.Select(p => p.SayAsync("转人工")));

        // What each person was told about an agent: in the answer to 转人工 (taken at once), or pushed when another
        // node's pass gave their conversation.
        var told = people.Select((p, i) =>
                answers[i].Count(a => a.Text.Contains("已为您接通", StringComparison.Ordinal))
                + _channelA.To(p.ConversationId).Concat(_channelB.To(p.ConversationId)).Count(t => t.Contains("已接入", StringComparison.Ordinal)))
            .ToList();
        var mine = new Dictionary<string, List<Guid>>(StringComparer.Ordinal);
        foreach (var (id, client) in agents)
        {
            var queue = await client.GetFromJsonAsync<JsonElement>("/api/agent/queue");
            mine[id] = queue.GetProperty("mine").EnumerateArray().Select(c => c.GetProperty("conversationId").GetGuid()).ToList();
        }

        var waiting = (await agents["gjj01"].GetFromJsonAsync<JsonElement>("/api/agent/queue")).GetProperty("waiting").GetArrayLength();
        Assert.All(told, t => Assert.InRange(t, 0, 1));
        Assert.Equal(2 * Limit, told.Sum());
        Assert.All(mine.Values, chats => Assert.Equal(Limit, chats.Count));
        Assert.Equal(2 * Limit, mine.Values.SelectMany(c => c).Distinct().Count());
        Assert.Equal(People - (2 * Limit), waiting);
    }

    // rsj01 serves 公积金 too here, so the group has two agents.
    private BotApiFactory Node(BotApiFactory host, RecordingChannelAdapter channel) =>
        DirectLineClient.Configure(host)
            .WithSetting("Handoff:Assignment", "Auto")
            .WithSetting("Handoff:MaxActiveChatsPerHumanAgent", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Handoff:MonitorIntervalMilliseconds", "60000")
            .WithSetting("AgentConsole:DemoAccounts:1:Groups:2", "gjj")
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<IChannelAdapter>(channel);
            });
}
