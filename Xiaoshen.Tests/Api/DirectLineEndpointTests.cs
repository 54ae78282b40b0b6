using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SemanticKernel.ChatCompletion;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Api;

/// <summary>The Direct Line 3.0-compatible protocol, in process.</summary>
public sealed class DirectLineEndpointTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly BotApiFactory _factory;

    public DirectLineEndpointTests()
    {
        _factory = DirectLineClient.Configure(new BotApiFactory())
            .WithSetting("DirectLine:TokenRequestsPerMinute", "3")
            .WithServices(s => s.AddSingleton<TimeProvider>(_clock));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AFollowUpSentWhileTheFirstAnswerIsStillBeingComposedIsAnsweredForItsMatter()
    {
        // Composing takes 400 ms here (a slow LLM); the person sends the follow-up once composing has begun (a fixed pause
        // instead let a loaded machine send it before the question had reached the bot).
        var composing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeChatCompletionService(async (_, token) =>
        {
            composing.TrySetResult();
            await Task.Delay(400, token);
            return "退休后在随申办申请即可一次性提取。[gjj-retire-withdraw]";
        });
        using var factory = DirectLineClient.Configure(new BotApiFactory()).WithServices(s => s.AddSingleton<IChatCompletionService>(slow));
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();

        var first = client.PostAsync("退休了公积金怎么取");
        await composing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(first, client.PostAsync("那要带什么材料"));

        await factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var db = factory.Services.CreateScope().ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var answered = await db.Turns.Where(t => t.Role == TurnRole.Bot && t.Content != null).Select(t => t.Content).ToListAsync();
        Assert.Contains("gjj-retire-withdraw/Materials", answered);
    }

    [Fact]
    public async Task GeneratingATokenNeedsTheSecret()
    {
        var client = new DirectLineClient(_factory.CreateClient());

        using var without = await client.RawAsync(HttpMethod.Post, "/v3/directline/tokens/generate", null);
        using var wrong = await client.RawAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task StartingAConversationGivesAStreamUrlAndXiaoshensWelcome()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();

        var (activities, watermark) = await client.ActivitiesAsync();

        Assert.StartsWith("ws://", client.StreamUrl, StringComparison.Ordinal);
        Assert.Contains("t=", client.StreamUrl, StringComparison.Ordinal);
        var welcome = Assert.Single(activities);
        Assert.Equal("bot", welcome.GetProperty("from").GetProperty("role").GetString());
        Assert.Contains("小申", welcome.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", watermark);
    }

    [Fact]
    public async Task PostedActivitiesAreEchoedAndAnsweredByTheSameBot()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        var (_, afterWelcome) = await client.ActivitiesAsync();

        var id = await client.PostAsync("退休了公积金怎么取", clientActivityId: "client-1");
        await client.PostAsync("那要带什么材料");
        var (activities, watermark) = await client.ActivitiesAsync(afterWelcome);

        Assert.StartsWith(client.ConversationId + "|", id, StringComparison.Ordinal);
        var echo = activities[0];
        Assert.Equal(id, echo.GetProperty("id").GetString());
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        var answer = activities.First(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot");
        Assert.Equal(id, answer.GetProperty("replyToId").GetString());
        Assert.Contains("离休、退休提取住房公积金", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("申请材料", activities[^1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal((int.Parse(afterWelcome, System.Globalization.CultureInfo.InvariantCulture) + activities.Count).ToString(System.Globalization.CultureInfo.InvariantCulture), watermark);
        var (none, same) = await client.ActivitiesAsync(watermark);
        Assert.Empty(none);
        Assert.Equal(watermark, same);
    }

    [Fact]
    public async Task MalformedAndOversizedActivitiesAreRefused()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        var url = $"/v3/directline/conversations/{client.ConversationId}/activities";

        using var malformed = await client.RawAsync(HttpMethod.Post, url, client.Token, new StringContent("{\"type\": ", Encoding.UTF8, "application/json"));
        using var oversized = await client.RawAsync(HttpMethod.Post, url, client.Token, new StringContent($"{{\"type\":\"message\",\"text\":\"{new string('字', 200_000)}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        var (activities, _) = await client.ActivitiesAsync("1");
        Assert.Empty(activities);
    }

    [Fact]
    public async Task ATokenOnlyOpensItsOwnConversation()
    {
        var mine = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        var other = await new DirectLineClient(_factory.CreateClient()).StartAsync();

        using var foreign = await mine.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{other.ConversationId}/activities", mine.Token);
        using var anonymous = await mine.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{mine.ConversationId}/activities", null);
        using var forged = await mine.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{mine.ConversationId}/activities", mine.Token[..^4] + "AAAA");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task TokensExpireAndCanBeRefreshedBeforeThey()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        _clock.Advance(TimeSpan.FromMinutes(20));

        var refreshed = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", client.Token);
        var fresh = refreshed.GetProperty("token").GetString()!;
        _clock.Advance(TimeSpan.FromMinutes(15));

        using var expired = await client.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", client.Token);
        using var valid = await client.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", fresh);
        Assert.Equal(client.ConversationId, refreshed.GetProperty("conversationId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task ReconnectingReturnsAStreamUrlFromTheWatermark()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();

        var reconnect = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}?watermark=1", client.Token);

        Assert.Equal(client.ConversationId, reconnect.GetProperty("conversationId").GetString());
        Assert.Contains("watermark=1", reconnect.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebSocketStreamDeliversTheBacklogAndNewReplies()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        var socketClient = _factory.Server.CreateWebSocketClient();
        using var socket = await socketClient.ConnectAsync(new Uri(client.StreamUrl.Replace("ws://localhost", "ws://localhost", StringComparison.Ordinal)), CancellationToken.None);

        var backlog = await DirectLineClient.ReceiveAsync(socket);
        await client.PostAsync("社保卡丢了怎么补办");
        var sets = new List<JsonElement>();
        while (!sets.SelectMany(s => s.GetProperty("activities").EnumerateArray()).Any(a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.GetProperty("type").GetString() == "message"))
        {
            sets.Add(await DirectLineClient.ReceiveAsync(socket));
        }

        Assert.Contains("小申", backlog.GetProperty("activities")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var reply = sets.SelectMany(s => s.GetProperty("activities").EnumerateArray()).Last(a => a.GetProperty("type").GetString() == "message");
        Assert.Contains("社会保障卡", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(sets[^1].GetProperty("watermark").GetString()));
    }

    [Fact]
    public async Task UploadsKeepAcceptedFilesBehindSignedLinksAndExplainRefusals()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        var png = new ByteArrayContent(DirectLineUploadTests.PngBytes);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var exe = new ByteArrayContent([0x4D, 0x5A]);
        exe.Headers.ContentType = new MediaTypeHeaderValue("application/x-msdownload");
        using var form = new MultipartFormDataContent { { png, "file", "截图.png" }, { exe, "file", "tool.exe" } };

        using var upload = await client.RawAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/upload?userId=dl_test", client.Token, form);
        var (activities, _) = await client.ActivitiesAsync("1");

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var attachment = activities[0].GetProperty("attachments")[0];
        Assert.Equal("image/png", attachment.GetProperty("contentType").GetString());
        var link = new Uri(attachment.GetProperty("contentUrl").GetString()!);
        using var file = await client.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(DirectLineUploadTests.PngBytes, await file.Content.ReadAsByteArrayAsync());
        using var tampered = await client.Http.GetAsync(link.PathAndQuery.Replace("s=", "s=x", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Contains(activities, a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains("tool.exe", StringComparison.Ordinal) && t.GetString()!.Contains("不能接收", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PagesGetTokensWithoutTheSecretAndAreRateLimited()
    {
        var http = _factory.CreateClient();

        var first = await (await http.PostAsync("/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        using var again = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first.GetProperty("token").GetString());
        var second = await (await http.SendAsync(again)).Content.ReadFromJsonAsync<JsonElement>();
        using var third = await http.PostAsync("/webchat/token", null);
        using var fourth = await http.PostAsync("/webchat/token", null);

        Assert.Equal(first.GetProperty("conversationId").GetString(), second.GetProperty("conversationId").GetString());
        Assert.Equal(first.GetProperty("userId").GetString(), second.GetProperty("userId").GetString());
        Assert.DoesNotContain(DirectLineClient.Secret, first.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
    }

    [Theory]
    [InlineData("/webchat", "text/html", "小申")]
    [InlineData("/demo", "text/html", "widget.js")]
    [InlineData("/widget.js", "application/javascript", "xs-launcher")]
    [InlineData("/webchat-assets/webchat-page.js", "text/javascript", "createDirectLine")]
    public async Task ServesThePages(string path, string contentType, string contains)
    {
        using var response = await _factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(contains, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServesTheWebChatBundleFromNpm()
    {
        using var response = await _factory.CreateClient().GetAsync("/webchat-assets/webchat.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 1_000_000);
    }
}
