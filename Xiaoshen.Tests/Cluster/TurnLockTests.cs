using Microsoft.Extensions.Logging.Abstractions;
using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: two messages of one conversation that reach two nodes at once are answered one after the other, the second
/// after the first saved what it remembered; other conversations do not wait.
/// </summary>
public sealed class TurnLockTests
{
    [RedisFact]
    public async Task ATurnOnOneNodeWaitsForTheSameConversationsTurnOnTheOther()
    {
        using var deployment = new RedisDeployment();
        var nodeA = new RedisTurnLock(deployment.Node(), NullLogger<RedisTurnLock>.Instance);
        var nodeB = new RedisTurnLock(deployment.Node(), NullLogger<RedisTurnLock>.Instance);
        await AssertOneAtATimeAsync(nodeA, nodeB);

        // Another conversation is not held up by a turn in progress.
        await using var held = await nodeA.AcquireAsync("directline:a", CancellationToken.None);
        await using var other = await nodeB.AcquireAsync("directline:b", CancellationToken.None);
    }

    [Fact]
    public async Task OneNodesTurnsOfAConversationRunOneAfterTheOther()
    {
        var node = new InMemoryTurnLock();
        await AssertOneAtATimeAsync(node, node);
        await using var held = await node.AcquireAsync("directline:a", CancellationToken.None);
        await using var other = await node.AcquireAsync("directline:b", CancellationToken.None);
    }

    // The first turn takes a while before it records itself; without the lock the second would record first.
    private static async Task AssertOneAtATimeAsync(ITurnLock first, ITurnLock second)
    {
        var order = new List<string>();
        var firstHolds = new TaskCompletionSource();
        var firstTurn = Task.Run(async () =>
        {
            await using var turn = await first.AcquireAsync("directline:a", CancellationToken.None);
            firstHolds.SetResult();
            await Task.Delay(300);
            lock (order)
            {
                order.Add("first");
            }
        });
        await firstHolds.Task;
        await using (await second.AcquireAsync("directline:a", CancellationToken.None))
        {
            lock (order)
            {
                order.Add("second");
            }
        }

        await firstTurn;
        Assert.Equal(["first", "second"], order);
    }
}
