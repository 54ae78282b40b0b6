using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: a bad rating given without a comment asks what went wrong, and the person's next message is that comment on
/// whichever node it reaches (the wish is kept in the rating's row, not in the rating node's memory). 小申, or an agent's
/// service, is rated 不满意 on node A; the comment, sent through node B, is stored on the rating and its 整改 work order
/// and not answered as a question. Two in-process hosts on one database (SQLite file, or PostgreSQL), on a Friday at
/// 10:00 Beijing time.
/// </summary>
public sealed class RatingCommentNodesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task ACommentOnTheOtherNodeIsKeptForABadBotRatingOnOneSqliteFile()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        await RateOnACommentOnBAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task ACommentOnTheOtherNodeIsKeptForABadBotRatingOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = HandoffAcceptNodesTests.Node(database.Host(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(database.Host(nodeA.Content), _clock);
        await RateOnACommentOnBAsync(nodeA, nodeB);
    }

    [Fact]
    public async Task ACommentOnTheOtherNodeIsKeptForABadServiceRatingOnOneSqliteFile()
    {
        using var nodeA = HandoffAcceptNodesTests.Node(new BotApiFactory(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(BotApiFactory.On(nodeA.Content), _clock);
        await RateServiceOnACommentOnBAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task ACommentOnTheOtherNodeIsKeptForABadServiceRatingOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = HandoffAcceptNodesTests.Node(database.Host(), _clock);
        using var nodeB = HandoffAcceptNodesTests.Node(database.Host(nodeA.Content), _clock);
        await RateServiceOnACommentOnBAsync(nodeA, nodeB);
    }

    // 王敏 serves the person from node B and closes; the person rates on node A and comments through node B.
    private static async Task RateServiceOnACommentOnBAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var (person, id, agentOnB) = await HandoffCommandNodesTests.AcceptedOnAAsync(nodeA, nodeB);
        using var closed = await agentOnB.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { outcome = "Resolved" });
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        var asked = await person.SayAsync("非常不满意");
        Assert.Contains(asked, a => a.Text.StartsWith("很抱歉这次没让您满意", StringComparison.Ordinal));

        var commented = await new BotClient(nodeB.CreateClient(), person.ConversationId).SayAsync("等了很久才有人回");

        Assert.Equal("已记下您的意见，负责的部门会跟进整改，谢谢您！小申继续为您服务。", Assert.Single(commented, a => a.Type == "message").Text);
        using var scope = nodeB.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var session = await db.HandoffSessions.AsNoTracking().SingleAsync(s => s.ConversationId == id);
        Assert.Equal((ServiceRating.VeryDissatisfied, "等了很久才有人回"), (session.Rating, session.RatingComment));
        var order = await db.RectificationOrders.AsNoTracking().SingleAsync();
        Assert.Equal((session.Id, session.RatingComment), (order.SessionId, order.Comment));
    }

    private static async Task RateOnACommentOnBAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var id = Guid.NewGuid().ToString("N");
        var onA = new BotClient(nodeA.CreateClient(), id);
        var onB = new BotClient(nodeB.CreateClient(), id);
        await onA.SayAsync("退休了公积金怎么取");
        await onA.SayAsync("有帮助");
        await onA.SayAsync("评价小申");
        var asked = await onA.SayAsync("不满意");
        Assert.Contains(asked, a => a.Text.StartsWith("很抱歉这次没让您满意", StringComparison.Ordinal));

        // Nothing of node A's is flushed by the test: the rating was stored before it was answered.
        var commented = await onB.SayAsync("答得不够具体，电话13812345678");

        Assert.Equal("已记下您的意见，负责的部门会跟进整改，谢谢您！小申继续为您服务。", Assert.Single(commented, a => a.Type == "message").Text);
        using var scope = nodeB.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var rating = await db.BotRatings.AsNoTracking().SingleAsync();
        Assert.Equal((ServiceRating.Dissatisfied, "答得不够具体，电话138****5678"), (rating.Rating, rating.Comment));
        Assert.Equal(rating.Comment, (await db.RectificationOrders.AsNoTracking().SingleAsync()).Comment);

        // Only that one message was the comment: the next is a question again, answered on node A.
        var question = await onA.SayAsync("社保卡丢了怎么补办");
        Assert.Contains(question, a => a.Text.Contains("社保卡", StringComparison.Ordinal));
    }
}
