using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>A WeChat user handed to a human agent stays in WeChat: the agent's words arrive as customer-service messages.</summary>
public sealed class WeChatHandoffTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [Fact]
    public async Task AWeChatUserAsksForAPersonAndTheAgentsRepliesArriveInWeChat()
    {
        await using var host = await StartAsync();
        var handoff = host.Factory.Services.GetRequiredService<HandoffCommands>();
        var availability = host.Factory.Services.GetRequiredService<HandoffAvailability>();
        var gjj = availability.FindDepartment("gjj")!;
        host.OpenForHalfAnHour(gjj);
        var wang = HumanAgent.Create("gjj01", "王敏", [HumanAgent.AgentRole], ["gjj"], 5);
        var user = NewUser();

        await ReplyAsync(await host.PostAsync(Plain, Text(user, "退休了公积金怎么取")), Plain);
        var queued = await ReplyAsync(await host.PostAsync(Plain, Text(user, "转人工")), Plain);
        var waiting = Assert.Single(await host.Factory.Services.GetRequiredService<HandoffBoard>().WaitingAsync(wang, CancellationToken.None));
        await handoff.AcceptAsync(waiting.ConversationId, wang, default);
        var (problem, delivery) = await handoff.SendAsync(waiting.ConversationId, wang, "您好，我是公积金中心的王敏，请问哪年退休？", [], [], default);
        var relayed = await host.PostAsync(Plain, Text(user, "明年三月"));

        Assert.Contains("正在为您转接上海市公积金管理中心的人工服务", queued?["Content"], StringComparison.Ordinal);
        Assert.Equal("wechat", waiting.Channel);
        Assert.Equal(HandoffProblem.None, problem);
        Assert.True(delivery!.Delivered);
        var sent = (await host.Api.WaitForAsync(CustomSend, r => r.Body.Contains("请问哪年退休", StringComparison.Ordinal)))
            .Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.All(sent, m => Assert.Equal(user, (string?)m["touser"]));
        Assert.Contains(sent, m => ((string?)m["text"]!["content"])!.Contains("王敏已接入", StringComparison.Ordinal));
        Assert.Null(await ReplyAsync(relayed, Plain));
        var transcript = await host.Factory.Services.GetRequiredService<ConversationStore>().TranscriptAsync(waiting.ConversationId, default);
        Assert.Equal("明年三月", transcript[^1].Text);
        Assert.Equal(TurnRole.User, transcript[^1].Role);
    }
}
