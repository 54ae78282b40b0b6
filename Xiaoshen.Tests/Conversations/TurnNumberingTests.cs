using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Conversations;

/// <summary>
/// issue 13: two nodes appending to one conversation (a person's message on one, an agent's reply on another) never give
/// two turns one number, and lose none. Two hosts on one database, each with its own conversation store and writer.
/// Fails when turns are numbered from a count each node keeps: both number 1, 2, … and the database refuses the second.
/// </summary>
public sealed class TurnNumberingTests
{
    private const int TurnsPerNode = 40;

    [Fact]
    public async Task TwoNodesAppendingToOneConversationOnSqliteNumberEveryTurnOnce()
    {
        using var nodeA = new BotApiFactory();
        using var nodeB = BotApiFactory.On(nodeA.Content);
        await AppendFromBothAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task TwoNodesAppendingToOneConversationOnPostgresNumberEveryTurnOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = database.Host();
        using var nodeB = database.Host(nodeA.Content);
        await AppendFromBothAsync(nodeA, nodeB);
    }

    private static async Task AppendFromBothAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var now = DateTimeOffset.UtcNow;
        var (storeA, writerA) = Store(nodeA);
        var onA = await storeA.GetOrStartAsync("test", "two-nodes", "person", now, CancellationToken.None);
        await writerA.FlushAsync();
        var (storeB, writerB) = Store(nodeB);
        var onB = await storeB.GetOrStartAsync("test", "two-nodes", "person", now, CancellationToken.None);

        // Each turn is flushed on its own, as a turn's answer waits for its commit, so the nodes' commits interleave.
        await Task.WhenAll(
            Enumerable.Range(0, TurnsPerNode).Select(i => Task.Run(async () =>
            {
                storeA.Append(onA, Turn.FromUser($"A{i}", now));
                await writerA.FlushAsync();
            })).Concat(Enumerable.Range(0, TurnsPerNode).Select(i => Task.Run(async () =>
            {
                storeB.Append(onB, Turn.FromAgent("agent", $"B{i}", now, []));
                await writerB.FlushAsync();
            }))));

        var transcript = await storeA.TranscriptAsync(onA.Id, CancellationToken.None);
        Assert.Equal(2 * TurnsPerNode, transcript.Count);
        Assert.Equal(Enumerable.Range(1, 2 * TurnsPerNode), transcript.Select(t => t.Sequence));
        Assert.Equal(TurnsPerNode, transcript.Count(t => t.Text.StartsWith('B')));
        await using var scope = nodeA.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        Assert.Equal(0, await db.DeadLetters.CountAsync());
        Assert.Equal(2 * TurnsPerNode, (await db.Conversations.SingleAsync(c => c.Id == onA.Id)).TurnCount);
    }

    private static (ConversationStore Store, StorageWriter Writer) Store(BotApiFactory node)
    {
        node.CreateClient().Dispose();
        return (node.Services.GetRequiredService<ConversationStore>(), node.Services.GetRequiredService<StorageWriter>());
    }
}
