using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Tests.Cluster;

/// <summary>The change feed of several nodes over Redis pub/sub: wake-up notices reach every node, once (issue 13).</summary>
public sealed class RedisChangeFeedTests
{
    [RedisFact]
    public async Task ANoticePublishedOnOneNodeWakesSubscribersOnAnother()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = Feed(deployment);
        using var nodeB = Feed(deployment);
        var heard = new TaskCompletionSource<ChangeNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = nodeA.Subscribe(ChangeTopics.DirectLine, n => heard.TrySetResult(n));

        await nodeB.PublishAsync(new ChangeNotice(ChangeTopics.DirectLine, "conv-1", 42));

        // A generous limit for the delivery, not a timing check.
        Assert.Equal(new ChangeNotice(ChangeTopics.DirectLine, "conv-1", 42), await heard.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [RedisFact]
    public async Task ANodeHearsItsOwnNoticeOnceAndOnlyItsTopics()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = Feed(deployment);
        using var nodeB = Feed(deployment);
        var onA = new ConcurrentQueue<ChangeNotice>();
        using var handoff = nodeA.Subscribe(ChangeTopics.Handoff, onA.Enqueue);
        using var tickets = nodeA.Subscribe(ChangeTopics.Tickets, onA.Enqueue);
        var marker = new ChangeNotice(ChangeTopics.Tickets, "marker");

        await nodeA.PublishAsync(new ChangeNotice(ChangeTopics.Handoff, "conv-2", Detail: "Accepted"));
        await nodeA.PublishAsync(new ChangeNotice(ChangeTopics.DirectLine, "conv-2", 7));
        await nodeB.PublishAsync(marker);

        // Node B's notice comes after node A's own came back over the channel: by then an echo would have been heard.
        await Eventually.TrueAsync(() => Task.FromResult(onA.Contains(marker)), "node A never heard node B's notice");
        Assert.Equal([new ChangeNotice(ChangeTopics.Handoff, "conv-2", Detail: "Accepted"), marker], onA);
    }

    private static RedisChangeFeed Feed(RedisDeployment deployment) => new(deployment.Node(), NullLogger<RedisChangeFeed>.Instance);
}
