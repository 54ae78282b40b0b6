using Microsoft.Extensions.Logging.Abstractions;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Tests.Cluster;

/// <summary>Presence of several nodes on one Redis: a heartbeat on one node is seen on the others (issue 13).</summary>
public sealed class RedisHumanAgentPresenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [RedisFact]
    public async Task AHeartbeatOnOneNodeMakesTheAgentHeardOnAnother()
    {
        using var deployment = new RedisDeployment();
        var nodeA = Presence(deployment);
        var nodeB = Presence(deployment);
        Assert.Null(nodeA.LastHeard("wang"));

        nodeB.Heard("wang", Now);

        await Eventually.TrueAsync(() => Task.FromResult(nodeA.LastHeard("wang") == Now), "node A never heard the heartbeat given on node B");
        Assert.Equal(["wang"], nodeA.HeardSince(Now.AddSeconds(-30)).Keys);
        Assert.Empty(nodeA.HeardSince(Now.AddSeconds(1)));
    }

    [RedisFact]
    public void AnOlderHeartbeatFromAnotherNodeDoesNotReplaceANewerOne()
    {
        using var deployment = new RedisDeployment();
        Presence(deployment).Heard("wang", Now);
        Presence(deployment).Heard("wang", Now.AddSeconds(-20));

        Assert.Equal(Now, Presence(deployment).LastHeard("wang"));
    }

    private static RedisHumanAgentPresence Presence(RedisDeployment deployment) =>
        new(deployment.Node(), NullLogger<RedisHumanAgentPresence>.Instance);
}
