using System.Net;
using System.Text.RegularExpressions;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>The official account's callback URL, through HTTP with real-format pushes (TestData/wechat/payloads).</summary>
public sealed class WeChatEndpointTests(WeChatHost host) : IClassFixture<WeChatHost>
{
    private const string SocialSecurityCard = "社会保障卡申领、补换与挂失";

    [Fact]
    public async Task VerificationEchoesEchostrWhenTheSignatureHolds()
    {
        // The official documentation's worked example (vectors/official_weixin_message_push_doc.json#url_verify_get).
        await using var then = await AtAsync(1714036504);
        var response = await then.Client.GetAsync("/api/wechat/doc?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4375120948345356249", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VerificationWithABadSignatureIsRefused()
    {
        await using var then = await AtAsync(1714036504);
        var response = await then.Client.GetAsync("/api/wechat/doc?signature=f464b24fc39322e44b38aa78f5edd27bd1441697&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("4375120948345356249", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAccountIsNotFound()
    {
        var (timestamp, nonce) = host.Stamp();

        var get = await host.Client.GetAsync($"/api/wechat/nobody?{UrlQuery(Plain, timestamp, nonce)}&echostr=1");
        var post = await host.PostRawAsync($"/api/wechat/nobody?{UrlQuery(Plain, timestamp, nonce)}", Text(NewUser(), "社保卡丢了怎么补办"));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task APlaintextQuestionIsAnsweredPassivelyInPlainText()
    {
        var user = NewUser();

        var reply = await ReplyAsync(await host.PostAsync(Plain, Text(user, "社保卡丢了怎么补办")), Plain);

        Assert.NotNull(reply);
        Assert.Equal(user, reply.ToUser);
        Assert.Equal("toUser", reply.FromUser);
        Assert.Equal("text", reply.MsgType);
        var content = reply["Content"]!;
        Assert.Contains(SocialSecurityCard, content, StringComparison.Ordinal);
        Assert.DoesNotContain("**", content, StringComparison.Ordinal);
        Assert.Contains("在线办理：https://", content, StringComparison.Ordinal);
        Assert.Contains("回复 1 ", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARealSafeModePushIsDecryptedAndAnsweredEncrypted()
    {
        // Senparc's captured safe-mode request with its query (vectors/senparc_weixin_tests.json#safe_mode_real_text).
        await using var then = await AtAsync(1570075722);
        var response = await then.PostRawAsync(
            "/api/wechat/safe?signature=330ed3b64e363dc876f35e54a79e59b48739f567&timestamp=1570075722&nonce=863153744&msg_signature=71dc359205a4660bc3b3046b643452c994b5897d",
            Payload("official-account/encrypted/safe_mode_text_request.xml"));

        Assert.Contains("<Encrypt>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reply = await ReplyAsync(response, Safe);
        Assert.Equal("olPjZjsXuQPJoV0HlruZkNzKc91E", reply?.ToUser);
        Assert.Equal("gh_a96a4a619366", reply?.FromUser);
        Assert.False(string.IsNullOrWhiteSpace(reply?["Content"]));
    }

    [Fact]
    public async Task ASafeModeQuestionIsAnsweredEncrypted()
    {
        var reply = await ReplyAsync(await host.PostAsync(Safe, Text(NewUser(), "社保卡丢了怎么补办")), Safe);

        Assert.Contains(SocialSecurityCard, reply?["Content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARealCompatibleModePushIsAnsweredEncrypted()
    {
        // Senparc's captured compatible-mode request: plaintext fields and Encrypt (vectors/senparc_weixin_tests.json#compat_mode_real_text).
        await using var then = await AtAsync(1414387151);
        var response = await then.PostRawAsync(
            "/api/wechat/compat?signature=e3203b6433eb554dd2fcba78fa48cb948fcb4801&timestamp=1414387151&nonce=917222494&encrypt_type=aes&msg_signature=ae70d4e343d946fc0477a5c760b95be0947fddbb",
            Payload("official-account/encrypted/compat_mode_text_request.xml"));

        var reply = await ReplyAsync(response, Compat);
        Assert.Equal("olPjZjsXuQPJoV0HlruZkNzKc91E", reply?.ToUser);
        Assert.Contains("小申", reply?["Content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASafeModeAccountRefusesAPlaintextPush()
    {
        var (timestamp, nonce) = host.Stamp();
        var user = NewUser();

        var response = await host.PostRawAsync($"/api/wechat/safe?{UrlQuery(Safe, timestamp, nonce)}", Text(user, "社保卡丢了怎么补办"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await host.TurnCountAsync(Safe, user));
    }

    [Fact]
    public async Task ABadSignatureIsRefusedAndNothingIsProcessed()
    {
        var (timestamp, nonce) = host.Stamp();
        var user = NewUser();

        var response = await host.PostRawAsync($"/api/wechat/plain?signature=0000000000000000000000000000000000000000&timestamp={timestamp}&nonce={nonce}", Text(user, "社保卡丢了怎么补办"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await host.TurnCountAsync(Plain, user));
    }

    [Fact]
    public async Task ABadMessageSignatureIsRefusedAndNothingIsProcessed()
    {
        // The URL signature holds but the body was tampered with: msg_signature no longer covers the ciphertext.
        var (timestamp, nonce) = host.Stamp();
        var user = NewUser();
        var encrypted = Bot.Channels.WeChat.WeChatCrypto.Encrypt(Safe.EncodingAesKey, Safe.ReceiveId, Text(user, "社保卡丢了怎么补办"));
        var signature = Bot.Channels.WeChat.WeChatCrypto.Signature(Safe.Token, timestamp, nonce, encrypted);
        var tampered = Bot.Channels.WeChat.WeChatCrypto.Encrypt(Safe.EncodingAesKey, Safe.ReceiveId, Text(user, "转人工"));

        var response = await host.PostRawAsync(
            $"/api/wechat/safe?{UrlQuery(Safe, timestamp, nonce)}&encrypt_type=aes&msg_signature={signature}",
            $"<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[{tampered}]]></Encrypt></xml>");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await host.TurnCountAsync(Safe, user));
    }

    [Theory]
    [InlineData("<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName>")]
    [InlineData("not xml at all")]
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Content>&e;</Content></xml>")]
    public async Task AMalformedPushIsAcknowledgedWithSuccess(string body)
    {
        var (timestamp, nonce) = host.Stamp();

        var response = await host.PostRawAsync($"/api/wechat/plain?{UrlQuery(Plain, timestamp, nonce)}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnOversizedPushIsRefused()
    {
        var (timestamp, nonce) = host.Stamp();

        var response = await host.PostRawAsync($"/api/wechat/plain?{UrlQuery(Plain, timestamp, nonce)}", Text(NewUser(), new string('问', 40_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ARetriedPushIsAnsweredWithoutRunningTheTurnAgain()
    {
        var user = NewUser();
        var push = Text(user, "社保卡丢了怎么补办");

        // WeChat's retry may arrive while the first delivery is still being answered, or after it.
        var first = host.PostAsync(Plain, push);
        var retry = host.PostAsync(Plain, push);
        var replies = await Task.WhenAll(ReplyAsync(await first, Plain), ReplyAsync(await retry, Plain));
        var late = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Equal(2, await host.TurnCountAsync(Plain, user));
        Assert.All(replies.Append(late), r => Assert.Contains(SocialSecurityCard, r?["Content"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewFollowerIsWelcomed()
    {
        var push = With(Payload("official-account/event_subscribe.xml"), "FromUserName", NewUser());

        var reply = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Contains("小申", reply?["Content"], StringComparison.Ordinal);
        Assert.Contains("回复 1 ", reply?["Content"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("official-account/event_unsubscribe.xml")]
    [InlineData("official-account/event_VIEW.xml")]
    [InlineData("official-account/event_TEMPLATESENDJOBFINISH.xml")]
    public async Task EventsThatNeedNoAnswerAreAcknowledged(string payload)
    {
        var user = NewUser();

        var reply = await ReplyAsync(await host.PostAsync(Plain, With(Payload(payload), "FromUserName", user)), Plain);

        Assert.Null(reply);
        Assert.Equal(0, await host.TurnCountAsync(Plain, user));
    }

    [Fact]
    public async Task AMenuClickAsksItsConfiguredQuestion()
    {
        var push = With(Payload("official-account/event_CLICK.xml"), "FromUserName", NewUser());

        var reply = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Contains(SocialSecurityCard, reply?["Content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVoiceMessageIsAnsweredFromItsRecognisedText()
    {
        var push = With(With(With(Payload("official-account/voice_with_recognition.xml"), "FromUserName", NewUser()), "MsgId", NewMsgId()), "Recognition", "社保卡丢了怎么补办");

        var reply = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Contains(SocialSecurityCard, reply?["Content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVoiceMessageIsKeptWithItsRecognisedTextForAnAgent()
    {
        // Issue 15: WeChat's Recognition is used wherever it exists; an agent sees it under the recording.
        var user = NewUser();
        var push = With(With(With(Payload("official-account/voice_with_recognition.xml"), "FromUserName", user), "MsgId", NewMsgId()), "Recognition", "社保卡丢了怎么补办");

        await host.PostAsync(Plain, push);

        var voice = Assert.Single((await host.TurnsAsync(Plain, user)).Single(t => t.Role == Xiaoshen.Bot.Conversations.TurnRole.User).Attachments);
        Assert.Equal(("audio/format", "社保卡丢了怎么补办"), (voice.ContentType, voice.Transcript));
        Assert.Contains("media_id=media_id", voice.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVoiceMessageWithoutRecognisedTextIsSaidToBeHeardAndKept()
    {
        var user = NewUser();
        var push = With(With(Payload("official-account/voice.xml"), "FromUserName", user), "MsgId", NewMsgId());

        var reply = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Contains("还听不懂语音", reply?["Content"], StringComparison.Ordinal);
        Assert.Equal(2, await host.TurnCountAsync(Plain, user));
    }

    [Fact]
    public async Task ReplyingWithANumberAsksThatOption()
    {
        var user = NewUser();
        var answer = await ReplyAsync(await host.PostAsync(Plain, Text(user, "社保卡丢了怎么补办")), Plain);
        var option = Regex.Match(answer!["Content"]!, "回复 2 (.+)").Groups[1].Value.Trim();

        var reply = await ReplyAsync(await host.PostAsync(Plain, Text(user, "2")), Plain);

        Assert.NotEmpty(option);
        Assert.Contains(option, reply?["Content"], StringComparison.Ordinal);
        Assert.Contains(SocialSecurityCard, reply?["Content"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("official-account/unknown_msgtype.xml")]
    public async Task AnUnsupportedMessageTypeGetsAPoliteReply(string payload)
    {
        var push = With(With(Payload(payload), "FromUserName", NewUser()), "MsgId", NewMsgId());

        var reply = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Contains("小申暂时看不懂这类消息", reply?["Content"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("official-account/image.xml")]
    [InlineData("official-account/video.xml")]
    [InlineData("official-account/shortvideo.xml")]
    [InlineData("official-account/link.xml")]
    [InlineData("official-account/location.xml")]
    public async Task MediaIsAcknowledgedAndKeptForAHumanAgent(string payload)
    {
        var user = NewUser();
        var push = With(With(Payload(payload), "FromUserName", user), "MsgId", NewMsgId());

        var reply = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Contains("暂时只能看懂文字", reply?["Content"], StringComparison.Ordinal);
        Assert.Equal(2, await host.TurnCountAsync(Plain, user));
    }
}
