using System.Globalization;
using System.Net;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>
/// Issue 11, item 13: a captured callback cannot be played again. The host's clock moves only when a test moves it, so
/// "minutes later" and "a day later" are exact.
/// </summary>
public sealed class WeChatReplayTests(WeChatHost host) : IClassFixture<WeChatHost>
{
    private const string Question = "社保卡丢了怎么补办";

    [Theory]
    [InlineData(-365 * 24 * 3600)]
    [InlineData(-6 * 60)]
    [InlineData(6 * 60)]
    public async Task APushSignedTooFarFromNowIsRefusedWhateverItsBody(int secondsFromNow)
    {
        var user = NewUser();
        var timestamp = Timestamp(secondsFromNow);

        var response = await host.PostRawAsync($"/api/wechat/plain?{UrlQuery(Plain, timestamp, "518907114")}", Text(user, Question));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await host.TurnCountAsync(Plain, user));
    }

    [Theory]
    [InlineData(-4 * 60)]
    [InlineData(4 * 60)]
    public async Task APushSignedAFewMinutesFromNowIsAnswered(int secondsFromNow)
    {
        var user = NewUser();
        var timestamp = Timestamp(secondsFromNow);

        var response = await host.PostRawAsync($"/api/wechat/plain?{UrlQuery(Plain, timestamp, "518907115")}", Text(user, Question));

        Assert.Contains("社会保障卡", (await ReplyAsync(response, Plain))?["Content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVerificationWithAStaleTimestampIsRefused()
    {
        var timestamp = Timestamp(-3600);

        var response = await host.Client.GetAsync($"/api/wechat/plain?{UrlQuery(Plain, timestamp, "518907116")}&echostr=4375120948345356249");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OneSignatureCarriesOnePushNotAnotherBody()
    {
        // In plaintext mode the URL signature does not cover the body: a captured query must not carry a new one.
        var user = NewUser();
        var (timestamp, nonce) = host.Stamp();
        var query = $"/api/wechat/plain?{UrlQuery(Plain, timestamp, nonce)}";

        var first = await host.PostRawAsync(query, Text(user, Question));
        var swapped = await host.PostRawAsync(query, Text(user, "转人工"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, swapped.StatusCode);
        Assert.Equal(2, await host.TurnCountAsync(Plain, user));
    }

    [Theory]
    [InlineData("official-account/text.xml")]
    [InlineData("official-account/event_CLICK.xml")]
    public async Task APushPlayedAgainMinutesOrHoursLaterIsNotANewTurn(string payload)
    {
        var user = NewUser();
        var push = With(Payload(payload), "FromUserName", user);
        push = payload.EndsWith("text.xml", StringComparison.Ordinal) ? With(With(push, "Content", Question), "MsgId", NewMsgId()) : push;

        var first = await ReplyAsync(await host.PostAsync(Plain, push), Plain);
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        var minutesLater = await ReplyAsync(await host.PostAsync(Plain, push), Plain);
        host.Clock.Advance(TimeSpan.FromHours(23));
        var hoursLater = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Contains("社会保障卡", first?["Content"], StringComparison.Ordinal);
        Assert.Null(minutesLater);
        Assert.Null(hoursLater);
        Assert.Equal(2, await host.TurnCountAsync(Plain, user));
    }

    [Fact]
    public async Task ACompatibleModeAccountRefusesAPushWithoutItsEncryptedPart()
    {
        var user = NewUser();
        var (timestamp, nonce) = host.Stamp();

        var response = await host.PostRawAsync($"/api/wechat/compat?{UrlQuery(Compat, timestamp, nonce)}", Text(user, Question));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await host.TurnCountAsync(Compat, user));
    }

    private string Timestamp(int secondsFromNow) =>
        host.Clock.GetUtcNow().AddSeconds(secondsFromNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
