using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Channels;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>
/// Messages sent through WeChat's API (a loopback fake): answers that missed the passive-reply deadline, and a human
/// agent's replies through the channel adapter, within the official account's reply window.
/// </summary>
public sealed class WeChatDeliveryTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [Fact]
    public async Task AnAnswerThatMissesTheDeadlineIsSentThroughTheCustomerServiceApi()
    {
        await using var host = await StartAsync(h => h.With("WeChat:PassiveReplyMilliseconds", "0"));
        var user = NewUser();

        var response = await host.PostAsync(Plain, Text(user, "社保卡丢了怎么补办"));
        var sent = await host.Api.WaitForAsync(CustomSend);

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        var message = JsonNode.Parse(sent[0].Body)!;
        Assert.Equal(user, (string?)message["touser"]);
        Assert.Equal("text", (string?)message["msgtype"]);
        Assert.Contains("社会保障卡申领、补换与挂失", (string?)message["text"]!["content"], StringComparison.Ordinal);
        var token = Assert.Single(host.Api.To("/cgi-bin/token"));
        Assert.Equal("wxplainaccount0001", token.Query["appid"]);
        Assert.Equal("plain-secret", token.Query["secret"]);
        Assert.Equal("token-1", sent[0].Query["access_token"]);
    }

    [Fact]
    public async Task ALongAnswerIsRepliedInPartAndContinuedThroughTheCustomerServiceApi()
    {
        await using var host = await StartAsync(h => h.With("WeChat:MaxTextBytes", "300"));
        var user = NewUser();

        var passive = await ReplyAsync(await host.PostAsync(Plain, Text(user, "社保卡丢了怎么补办")), Plain);
        // The last option (没帮助) ends the answer; the body is checked as sent, so Chinese must not be \u-escaped.
        var rest = await host.Api.WaitForAsync(CustomSend, r => r.Body.Contains("没帮助", StringComparison.Ordinal));

        Assert.Contains("社会保障卡申领、补换与挂失", passive?["Content"], StringComparison.Ordinal);
        Assert.DoesNotContain("没帮助", passive?["Content"], StringComparison.Ordinal);
        Assert.All(rest, r => Assert.Equal(user, (string?)JsonNode.Parse(r.Body)!["touser"]));
        var continued = string.Concat(rest.Select(r => (string?)JsonNode.Parse(r.Body)!["text"]!["content"]));
        Assert.Contains("回复 1 ", continued, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAccessTokenIsFetchedOnceForManyMessages()
    {
        await using var host = await StartAsync();
        var user = await WroteAsync(host);

        Assert.True((await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("您好，我是工作人员小王。")], default)).Delivered);
        Assert.True((await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("请问还有什么可以帮您？")], default)).Delivered);

        Assert.Single(host.Api.To("/cgi-bin/token"));
        Assert.All(host.Api.To(CustomSend), r => Assert.Equal("token-1", r.Query["access_token"]));
        Assert.Equal(["您好，我是工作人员小王。", "请问还有什么可以帮您？"], host.Api.To(CustomSend).Select(r => (string?)JsonNode.Parse(r.Body)!["text"]!["content"]));
    }

    [Fact]
    public async Task AnInvalidTokenIsRenewedAndTheMessageSentAgain()
    {
        await using var host = await StartAsync();
        var user = await WroteAsync(host);
        host.Api.Script(CustomSend, (200, """{"errcode":40001,"errmsg":"invalid credential"}"""));

        var result = await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("您好，我是工作人员小王。")], default);

        Assert.True(result.Delivered);
        Assert.Equal(2, host.Api.To("/cgi-bin/token").Count);
        Assert.Equal(["token-1", "token-2"], host.Api.To(CustomSend).Select(r => r.Query["access_token"]));
    }

    [Fact]
    public async Task FailuresAreRetriedWithBackoff()
    {
        await using var host = await StartAsync();
        var user = await WroteAsync(host);
        host.Api.Script(CustomSend, (500, "{}"), (200, """{"errcode":-1,"errmsg":"system error"}"""));

        var result = await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("您好，我是工作人员小王。")], default);

        Assert.True(result.Delivered);
        Assert.Equal(3, host.Api.To(CustomSend).Count);
    }

    [Fact]
    public async Task AHumanAgentIsToldWhenWeChatKeepsFailing()
    {
        await using var host = await StartAsync();
        var user = await WroteAsync(host);
        host.Api.Script(CustomSend, (503, "{}"), (503, "{}"), (503, "{}"));

        var result = await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("您好，我是工作人员小王。")], default);

        Assert.False(result.Delivered);
        Assert.Contains("没能发送到微信", result.Problem, StringComparison.Ordinal);
        Assert.Equal(3, host.Api.To(CustomSend).Count);
    }

    [Fact]
    public async Task AnImageIsUploadedAsMediaThenSent()
    {
        await using var host = await StartAsync();
        var user = await WroteAsync(host);
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".png");
        await File.WriteAllBytesAsync(file, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var screenshot = new ReplyAttachment("image/png", "screenshot.png", "https://xiaoshen.example/files/screenshot.png") { FilePath = file };

        var result = await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("请看截图：") { Attachments = [screenshot] }], default);

        Assert.True(result.Delivered);
        var upload = Assert.Single(host.Api.To("/cgi-bin/media/upload"));
        Assert.Equal("image", upload.Query["type"]);
        Assert.Contains("filename=screenshot.png", upload.Body, StringComparison.Ordinal);
        var messages = host.Api.To(CustomSend).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["text", "image"], messages.Select(m => (string?)m["msgtype"]));
        Assert.Equal("media-1", (string?)messages[1]["image"]!["media_id"]);
        File.Delete(file);
    }

    [Fact]
    public async Task OtherFilesAreSentAsLinks()
    {
        await using var host = await StartAsync();
        var user = await WroteAsync(host);
        var form = new ReplyAttachment("application/pdf", "申请表.pdf", "https://xiaoshen.example/files/form.pdf");

        var result = await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("请填写申请表：") { Attachments = [form] }], default);

        Assert.True(result.Delivered);
        var content = (string?)JsonNode.Parse(Assert.Single(host.Api.To(CustomSend)).Body)!["text"]!["content"];
        Assert.Contains("申请表.pdf", content, StringComparison.Ordinal);
        Assert.Contains("https://xiaoshen.example/files/form.pdf", content, StringComparison.Ordinal);
        Assert.Empty(host.Api.To("/cgi-bin/media/upload"));
    }

    [Fact]
    public async Task NothingIsSentOnceTheReplyWindowHasClosedEvenAfterARestart()
    {
        await using var host = await StartAsync();
        var clock = host.Clock;
        var user = await WroteAsync(host);
        host.Restart();

        clock.Advance(TimeSpan.FromHours(47));
        var within = await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("您好，我是工作人员小王。")], default);
        clock.Advance(TimeSpan.FromHours(2));
        var after = await host.Adapter.DeliverAsync(Address(user), [new OutboundReply("还在吗？")], default);
        var stranger = await host.Adapter.DeliverAsync(Address(NewUser()), [new OutboundReply("您好")], default);

        Assert.True(within.Delivered);
        Assert.False(after.Delivered);
        Assert.Contains("48 小时", after.Problem, StringComparison.Ordinal);
        Assert.False(stranger.Delivered);
        Assert.Single(host.Api.To(CustomSend));
    }

    [Fact]
    public async Task AWeComUserIsReachedThroughTheAppMessageApi()
    {
        await using var host = await StartAsync();
        var adapter = host.Factory.Services.GetServices<IChannelAdapter>().Single(a => a.Serves("wecom"));

        var result = await adapter.DeliverAsync(new ChannelAddress("wecom", "corp:ZhaoLiu", "ZhaoLiu"), [new OutboundReply("您好，我是工作人员小王。")], default);

        Assert.True(result.Delivered);
        var token = Assert.Single(host.Api.To("/cgi-bin/gettoken"));
        Assert.Equal("wx5823bf96d3bd56c7", token.Query["corpid"]);
        Assert.Equal("corp-secret", token.Query["corpsecret"]);
        var message = JsonNode.Parse(Assert.Single(host.Api.To("/cgi-bin/message/send")).Body)!;
        Assert.Equal("ZhaoLiu", (string?)message["touser"]);
        Assert.Equal(218, (int?)message["agentid"]);
    }

    [Fact]
    public async Task AnUnknownConversationIsNotDelivered()
    {
        await using var host = await StartAsync();

        var result = await host.Adapter.DeliverAsync(new ChannelAddress("wechat", "nobody:someone", "someone"), [new OutboundReply("您好")], default);

        Assert.False(result.Delivered);
        Assert.NotNull(result.Problem);
        Assert.Empty(host.Api.Requests);
    }
}
