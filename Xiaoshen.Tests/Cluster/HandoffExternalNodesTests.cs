using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: an external contact centre (Bot Framework <c>handoff.status</c> events) reports on a conversation queued on
/// node A through whichever node the balancer picks: "accepted" through node B takes the person out of every console's
/// queue, and "completed" through node A ends the service and asks the person for a rating. Two in-process hosts on one
/// database, agents picking from the queue, on a Friday at 10:00 Beijing time.
/// </summary>
public sealed class HandoffExternalNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task AContactCentresReportsAreAppliedOnEitherNodeOnOneSqliteFile()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        await ReportAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task AContactCentresReportsAreAppliedOnEitherNodeOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = HandoffAcceptNodesTests.Node(database.Host(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(database.Host(nodeA.Content), _clock);
        await ReportAsync(nodeA, nodeB);
    }

    private static async Task ReportAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var agentOnA = await nodeA.SignInAsync("gjj01");
        var agentOnB = await nodeB.SignInAsync("gjj01");
        var person = await HandoffAcceptNodesTests.QueuedAsync(nodeA);
        Assert.Single(await HandoffCancelNodesTests.WaitingAsync(agentOnA));

        await new BotClient(nodeB.CreateClient(), person.ConversationId).SendAsync(HandoffTests.Status("accepted"));
        Assert.Empty(await HandoffCancelNodesTests.WaitingAsync(agentOnA));
        Assert.Empty(await HandoffCancelNodesTests.WaitingAsync(agentOnB));

        var completed = await person.SendAsync(HandoffTests.Status("completed"));
        Assert.Contains(completed, a => a.Text?.Contains("请为本次服务打个分", StringComparison.Ordinal) == true);
    }
}
