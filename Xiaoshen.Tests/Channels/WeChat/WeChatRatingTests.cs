using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>好差评 in WeChat (issue 14, section 3): the five levels come as numbered options and the person answers with a number.</summary>
public sealed class WeChatRatingTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [Fact]
    public async Task AWeChatUserRatesTheServiceByReplyingWithTheNumberOfALevel()
    {
        await using var host = await StartAsync();
        var handoff = host.Factory.Services.GetRequiredService<HandoffCommands>();
        var availability = host.Factory.Services.GetRequiredService<HandoffAvailability>();
        host.OpenForHalfAnHour(availability.FindDepartment("gjj")!);
        var wang = HumanAgent.Create("gjj01", "王敏", [HumanAgent.AgentRole], ["gjj"], 5);
        var user = NewUser();
        await ReplyAsync(await host.PostAsync(Plain, Text(user, "退休了公积金怎么取")), Plain);
        await ReplyAsync(await host.PostAsync(Plain, Text(user, "转人工")), Plain);
        var waiting = Assert.Single(await host.Factory.Services.GetRequiredService<HandoffBoard>().WaitingAsync(wang, CancellationToken.None));
        await handoff.AcceptAsync(waiting.ConversationId, wang, default);

        await handoff.CloseAsync(waiting.ConversationId, wang, HandoffOutcome.Resolved, default);

        // The request arrives as a customer-service message with the five levels numbered.
        var asked = (await host.Api.WaitForAsync(CustomSend, r => r.Body.Contains("请为本次服务打个分", StringComparison.Ordinal)))
            .Select(r => (string)JsonNode.Parse(r.Body)!["text"]!["content"]!).Single(t => t.Contains("请为本次服务打个分", StringComparison.Ordinal));
        Assert.Contains("回复 4 不满意", asked, StringComparison.Ordinal);
        Assert.Contains("回复 5 非常不满意", asked, StringComparison.Ordinal);

        // 4 is 不满意: asked what went wrong, then the next message is the comment (passive replies).
        var askComment = await ReplyAsync(await host.PostAsync(Plain, Text(user, "4")), Plain);
        var commented = await ReplyAsync(await host.PostAsync(Plain, Text(user, "转了两次才找到人")), Plain);

        Assert.Contains("请说说哪里不满意", askComment?["Content"], StringComparison.Ordinal);
        Assert.Contains("已记下您的意见", commented?["Content"], StringComparison.Ordinal);
        await host.Factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = host.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var session = await db.HandoffSessions.SingleAsync();
        Assert.Equal((ServiceRating.Dissatisfied, "转了两次才找到人", 5), (session.Rating, session.RatingComment, session.RatingScale));
        var order = await db.RectificationOrders.SingleAsync();
        Assert.Equal(("gjj", "wechat", "转了两次才找到人"), (order.DepartmentId, (await db.RatingFollowUps.SingleAsync()).Channel, order.Comment));
    }
}
