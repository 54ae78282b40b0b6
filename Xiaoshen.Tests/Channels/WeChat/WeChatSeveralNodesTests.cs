using System.Text.Json.Nodes;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Tests.Cluster;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>
/// Two nodes behind one load balancer, sharing Redis (issue 13): a push WeChat delivers to both is answered once, and
/// both send with the one access token WeChat allows per app (its servers faked at the HTTP edge).
/// </summary>
public sealed class WeChatSeveralNodesTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";
    private const string Token = "/cgi-bin/token";

    [RedisFact]
    public async Task APushDeliveredToTwoNodesIsAnsweredOnce()
    {
        using var deployment = new RedisDeployment();
        await using var nodeA = await StartAsync(h => deployment.Join(h));
        await using var nodeB = await StartAsync(h => deployment.Join(h));
        var user = NewUser();
        var push = Text(user, "社保卡丢了怎么补办");

        var fromA = await ReplyAsync(await nodeA.PostAsync(Plain, push), Plain);
        var fromB = await ReplyAsync(await nodeB.PostAsync(Plain, push), Plain);

        Assert.Contains("社会保障卡", fromA?["Content"], StringComparison.Ordinal);
        Assert.Null(fromB);
        Assert.Equal(2, await nodeA.TurnCountAsync(Plain, user));
        Assert.Equal(0, await nodeB.TurnCountAsync(Plain, user));
        Assert.Empty(nodeB.Api.To(CustomSend));
    }

    [RedisFact]
    public async Task TwoNodesSendingAtOnceFetchOneAccessToken()
    {
        using var deployment = new RedisDeployment();
        await using var nodeA = await StartAsync(h => deployment.Join(h));
        await using var nodeB = await StartAsync(h => deployment.Join(h).With("WeChat:ApiBaseUrl", nodeA.Api.BaseUrl));
        var (userA, userB) = (await WroteAsync(nodeA), await WroteAsync(nodeB));

        var results = await Task.WhenAll(
            nodeA.Adapter.DeliverAsync(Address(userA), [new OutboundReply("您好，我是工作人员小王。")], default),
            nodeB.Adapter.DeliverAsync(Address(userB), [new OutboundReply("您好，我是工作人员小李。")], default));

        Assert.All(results, r => Assert.True(r.Delivered));
        Assert.Single(nodeA.Api.To(Token));
        Assert.Equal(["token-1", "token-1"], nodeA.Api.To(CustomSend).Select(r => r.Query["access_token"]));
        Assert.Equal(new[] { userA, userB }.Order(StringComparer.Ordinal), nodeA.Api.To(CustomSend).Select(r => (string)JsonNode.Parse(r.Body)!["touser"]!).Order(StringComparer.Ordinal));
    }

    [RedisFact]
    public async Task ATokenRenewedOnOneNodeIsUsedByTheOther()
    {
        using var deployment = new RedisDeployment();
        await using var nodeA = await StartAsync(h => deployment.Join(h));
        await using var nodeB = await StartAsync(h => deployment.Join(h).With("WeChat:ApiBaseUrl", nodeA.Api.BaseUrl));
        var (userA, userB) = (await WroteAsync(nodeA), await WroteAsync(nodeB));
        Assert.True((await nodeA.Adapter.DeliverAsync(Address(userA), [new OutboundReply("您好，我是工作人员小王。")], default)).Delivered);

        nodeA.Api.Script(CustomSend, (200, """{"errcode":40001,"errmsg":"invalid credential"}"""));
        Assert.True((await nodeB.Adapter.DeliverAsync(Address(userB), [new OutboundReply("您好，我是工作人员小李。")], default)).Delivered);
        Assert.True((await nodeA.Adapter.DeliverAsync(Address(userA), [new OutboundReply("请问还有什么可以帮您？")], default)).Delivered);

        Assert.Equal(2, nodeA.Api.To(Token).Count);
        Assert.Equal(["token-1", "token-1", "token-2", "token-2"], nodeA.Api.To(CustomSend).Select(r => r.Query["access_token"]));
    }
}
