using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: an agent's long-poll on one node wakes when another node stores a turn of the conversation (the citizen's
/// message reached the other node), through the change feed, and answers with the turn read from the database. Two
/// in-process hosts on one SQLite file and one Redis, on a Friday at 10:00 Beijing time.
/// </summary>
public sealed class HandoffLongPollNodesTests
{
    [RedisFact]
    public async Task AnAgentsLongPollOnOneNodeWakesForATurnAnotherNodeStored()
    {
        using var deployment = new RedisDeployment();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
        using var nodeA = Node(deployment, new BotApiFactory(), clock);
        using var nodeB = Node(deployment, BotApiFactory.On(nodeA.Content), clock);
        var person = new BotClient(nodeA.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");
        var agent = await nodeA.SignInAsync("gjj01");
        var id = await agent.FirstWaitingAsync();
        using var accepted = await agent.PostAsync($"/api/agent/conversations/{id}/accept", null);
        var last = (await agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after=0")).EnumerateArray().Last().GetProperty("sequence").GetInt32();
        await nodeA.Services.GetRequiredService<StorageWriter>().FlushAsync();
        using var waiter = nodeA.Services.GetRequiredService<HandoffCopies>().WaitForChange(id, nodeA.Services.GetRequiredService<IChangeFeed>());
        var poll = agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after={last}&wait=25");

        // The person's next message reached node B, which stores it.
        nodeB.CreateClient().Dispose();
        var storeB = nodeB.Services.GetRequiredService<ConversationStore>();
        var onB = (await storeB.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(System.Net.HttpStatusCode.NoContent, accepted.StatusCode);
        storeB.Append(onB, Turn.FromUser("明年三月", clock.GetUtcNow()));
        await nodeB.Services.GetRequiredService<StorageWriter>().FlushAsync();

        // A bound for a broken feed, not a speed requirement: without the notice the waiter never wakes.
        await waiter.Changed.WaitAsync(TimeSpan.FromMinutes(1));
        var polled = await poll;
        Assert.Equal("明年三月", polled.EnumerateArray().Single(t => t.GetProperty("role").GetString() == "user").GetProperty("text").GetString());
    }

    private static BotApiFactory Node(RedisDeployment deployment, BotApiFactory host, FakeTimeProvider clock) =>
        deployment.Join(DirectLineClient.Configure(host))
            .WithSetting("Handoff:Assignment", "Pick")
            .WithSetting("Handoff:MonitorIntervalMilliseconds", "60000")
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<IChannelAdapter>(new RecordingChannelAdapter());
            });
}
