using System.Net;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>The WeCom app's callback URL: encrypted verification and messages (receive id = CorpID).</summary>
public sealed class WeComEndpointTests(WeChatHost host) : IClassFixture<WeChatHost>
{
    [Fact]
    public async Task VerificationAnswersTheDecryptedEchostr()
    {
        // Tencent's WeCom sample request line (payloads/wecom/encrypted/verify_url_get.txt, vectors/tencent_wecom_sample_code.json#wecom_verify_url).
        var query = File.ReadAllLines(Path.Combine(PayloadFolder, "wecom", "encrypted", "verify_url_get.txt"))[0].Split(' ')[1].Split('?')[1];

        await using var then = await AtAsync(1409659589);
        var response = await then.Client.GetAsync($"/api/wecom/corp?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1616140317555161061", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VerificationWithABadSignatureIsRefused()
    {
        var query = "msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014781&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D";

        await using var then = await AtAsync(1409659589);
        var response = await then.Client.GetAsync($"/api/wecom/corp?{query}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheSampleEncryptedMessageIsAnsweredEncrypted()
    {
        // Tencent's sample callback (payloads/wecom/encrypted/app_text_request.xml, vectors/tencent_wecom_sample_code.json#wecom_decrypt_msg).
        await using var then = await AtAsync(1409659813);
        var response = await then.PostRawAsync(
            "/api/wecom/corp?msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149",
            Payload("wecom/encrypted/app_text_request.xml"));

        var reply = await ReplyAsync(response, Corp);
        Assert.Equal("mycreate", reply?.ToUser);
        Assert.Equal("wx5823bf96d3bd56c7", reply?.FromUser);
        Assert.False(string.IsNullOrWhiteSpace(reply?["Content"]));
    }

    [Fact]
    public async Task AQuestionIsAnswered()
    {
        var push = With(With(With(Payload("wecom/plaintext/text.xml"), "FromUserName", "ZhangSan" + NewMsgId()), "Content", "社保卡丢了怎么补办"), "MsgId", NewMsgId());

        var reply = await ReplyAsync(await host.PostAsync(Corp, push), Corp);

        Assert.Contains("社会保障卡申领、补换与挂失", reply?["Content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImageIsAcknowledgedAndKeptForAHumanAgent()
    {
        var push = With(With(Payload("wecom/plaintext/image.xml"), "FromUserName", "LiSi" + NewMsgId()), "MsgId", NewMsgId());

        var reply = await ReplyAsync(await host.PostAsync(Corp, push), Corp);

        Assert.Contains("暂时只能看懂文字", reply?["Content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMenuLinkNeedsNoAnswer()
    {
        var push = With(Payload("wecom/plaintext/event_view.xml"), "FromUserName", "WangWu" + NewMsgId());

        var response = await host.PostAsync(Corp, push);

        Assert.Null(await ReplyAsync(response, Corp));
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnsignedPushIsRefused()
    {
        await using var then = await AtAsync(1409659813);
        var response = await then.PostRawAsync("/api/wecom/corp?msg_signature=0&timestamp=1409659813&nonce=1372623149", Payload("wecom/encrypted/app_text_request.xml"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
