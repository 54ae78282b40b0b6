using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels.DirectLine;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// What one token or one client can make the service hold (issue 11, item 3): activity size, posts per token, pages,
/// streams, conversations in memory, ids and token age, through the Direct Line endpoints.
/// </summary>
public sealed class DirectLineLimitsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task AnActivityLargerThanAMessageWithACardIsRefused()
    {
        using var factory = Host();
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();
        var padded = new JsonObject { ["type"] = "message", ["text"] = "社保卡丢了怎么补办", ["channelData"] = new JsonObject { ["padding"] = new string('x', 40 * 1024) } };

        using var refused = await client.PostRawAsync(padded);
        using var card = await client.PostRawAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = new string('问', 2000),
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.hero", ["content"] = new JsonObject { ["text"] = new string('卡', 2000) } }),
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
    }

    [Fact]
    public async Task ATokenMayPostOnlySoManyActivitiesAMinute()
    {
        using var factory = Host().WithSetting("DirectLine:PostsPerMinute", "3");
        var mine = await new DirectLineClient(factory.CreateClient()).StartAsync();
        var other = await new DirectLineClient(factory.CreateClient()).StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await mine.PostRawAsync(Message("你好"));
            statuses.Add(response.StatusCode);
        }

        using var others = await other.PostRawAsync(Message("你好"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
    }

    [Fact]
    public async Task GetWithoutAWatermarkReturnsTheHistoryAPageAtATimeOlderPagesFromTheDatabase()
    {
        using var factory = Host().WithSetting("DirectLine:ActivitiesKept", "10").WithSetting("DirectLine:PageSize", "10");
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();
        for (var i = 0; i < 12; i++)
        {
            await client.PostAsync(i % 2 == 0 ? "社保卡丢了怎么补办" : "你好");
        }

        var (first, watermark) = await client.ActivitiesAsync();
        var (all, pages) = await client.AllActivitiesAsync();

        Assert.Equal(10, first.Count);
        Assert.Equal("10", watermark);
        Assert.Equal($"{client.ConversationId}|0000000", first[0].GetProperty("id").GetString());
        Assert.Contains("小申", first[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var ids = all.Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(n => $"{client.ConversationId}|{n:D7}"), ids);
        Assert.True(ids.Count >= 25, $"only {ids.Count} activities");
        Assert.True(pages >= 3, $"{pages} pages");
    }

    [Fact]
    public async Task AStreamIsSentWhatMemoryHoldsAPageAtATime()
    {
        using var factory = Host().WithSetting("DirectLine:ActivitiesKept", "10").WithSetting("DirectLine:PageSize", "4");
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();
        for (var i = 0; i < 8; i++)
        {
            await client.PostAsync("你好");
        }

        using var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(client.StreamUrl.Replace("watermark=&", "watermark=0&", StringComparison.Ordinal)), CancellationToken.None);
        var received = new List<JsonElement>();
        var sets = 0;
        while (received.Count < 10)
        {
            var set = await DirectLineClient.ReceiveAsync(socket);
            var activities = set.GetProperty("activities").EnumerateArray().ToList();
            Assert.InRange(activities.Count, 1, 4);
            received.AddRange(activities);
            sets++;
        }

        var (_, watermark) = await client.ActivitiesAsync("1000");
        var newest = int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, sets);
        Assert.Equal(Enumerable.Range(newest - 10, 10).Select(n => $"{client.ConversationId}|{n:D7}"), received.Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task StreamsAreLimitedPerConversationAndPerAddress()
    {
        using var factory = Host().WithSetting("DirectLine:MaxStreamsPerConversation", "2").WithSetting("DirectLine:MaxStreamsPerAddress", "3");
        var first = await new DirectLineClient(factory.CreateClient()).StartAsync();
        var second = await new DirectLineClient(factory.CreateClient()).StartAsync();
        var sockets = factory.Server.CreateWebSocketClient();

        using var a = await sockets.ConnectAsync(new Uri(first.StreamUrl), CancellationToken.None);
        using var b = await sockets.ConnectAsync(new Uri(first.StreamUrl), CancellationToken.None);
        var thirdOnOne = await Assert.ThrowsAnyAsync<Exception>(() => sockets.ConnectAsync(new Uri(first.StreamUrl), CancellationToken.None));
        using var c = await sockets.ConnectAsync(new Uri(second.StreamUrl), CancellationToken.None);
        var fourthFromAddress = await Assert.ThrowsAnyAsync<Exception>(() => sockets.ConnectAsync(new Uri(second.StreamUrl), CancellationToken.None));

        Assert.Contains("429", thirdOnOne.Message, StringComparison.Ordinal);
        Assert.Contains("429", fourthFromAddress.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleConversationsLeaveMemoryAndComeBackWholeFromTheDatabase()
    {
        using var factory = Host();
        var idle = await new DirectLineClient(factory.CreateClient()).StartAsync();
        await idle.PostAsync("社保卡丢了怎么补办");
        var (before, _) = await idle.AllActivitiesAsync();
        var held = factory.Services.GetRequiredService<DirectLineConversations>();

        _clock.Advance(TimeSpan.FromMinutes(21));
        await new DirectLineClient(factory.CreateClient()).StartAsync();
        var heldAfterSweep = held.Count;
        var (after, _) = await idle.AllActivitiesAsync();
        await idle.PostAsync("那要带什么材料");
        var (latest, _) = await idle.AllActivitiesAsync();

        Assert.Equal(1, heldAfterSweep);
        Assert.Equal(before.Select(a => a.ToString()), after.Select(a => a.ToString()));
        Assert.Equal(Enumerable.Range(0, latest.Count).Select(n => $"{idle.ConversationId}|{n:D7}"), latest.Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task NewConversationsAreRefusedWhileMemoryIsFullOfConversationsInUse()
    {
        using var factory = Host().WithSetting("DirectLine:MaxConversationsInMemory", "10");
        var sockets = factory.Server.CreateWebSocketClient();
        var streams = new List<System.Net.WebSockets.WebSocket>();
        for (var i = 0; i < 10; i++)
        {
            var client = await new DirectLineClient(factory.CreateClient()).StartAsync();
            streams.Add(await sockets.ConnectAsync(new Uri(client.StreamUrl), CancellationToken.None));
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        var eleventh = new DirectLineClient(factory.CreateClient());
        var token = (await eleventh.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineClient.Secret)).GetProperty("token").GetString();
        using var refused = await eleventh.RawAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        await streams[0].CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await WaitUntilAsync(async () =>
        {
            using var retry = await eleventh.RawAsync(HttpMethod.Post, "/v3/directline/conversations", token);
            return retry.StatusCode == HttpStatusCode.Created;
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var stream in streams)
        {
            stream.Dispose();
        }
    }

    [Theory]
    [InlineData("from")]
    [InlineData("replyToId")]
    [InlineData("clientActivityID")]
    public async Task IdsAClientChoosesAreBounded(string field)
    {
        using var factory = Host();
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();
        var activity = Message("你好");
        var id = new string('i', 300);
        switch (field)
        {
            case "from":
                activity["from"] = new JsonObject { ["id"] = id };
                break;
            case "replyToId":
                activity["replyToId"] = id;
                break;
            default:
                activity["channelData"] = new JsonObject { ["clientActivityID"] = id };
                break;
        }

        using var response = await client.PostRawAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversationIdsAreBoundedEvenForTheSecret()
    {
        using var factory = Host();
        var client = new DirectLineClient(factory.CreateClient());

        using var tooLong = await client.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{new string('c', 65)}/activities", DirectLineClient.Secret);
        using var dots = await client.RawAsync(HttpMethod.Get, "/v3/directline/conversations/../activities", DirectLineClient.Secret);
        using var fine = await client.RawAsync(HttpMethod.Get, $"/v3/directline/conversations/{new string('c', 64)}/activities", DirectLineClient.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, dots.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task TokensAreRefreshedOnlyUntilTheConversationReachesItsMaximumAge()
    {
        using var factory = Host().WithSetting("DirectLine:MaxConversationHours", "1");
        var http = factory.CreateClient();
        var session = await (await http.PostAsync("/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var client = new DirectLineClient(http) { Token = session.GetProperty("token").GetString()!, ConversationId = session.GetProperty("conversationId").GetString()! };

        // Every 20 minutes the page refreshes its token, as Web Chat does.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            using var refreshed = await client.RawAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", client.Token);
            statuses.Add(refreshed.StatusCode);
            if (refreshed.IsSuccessStatusCode)
            {
                client.Token = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            }
        }

        using var again = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        again.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", client.Token);
        var renewed = await (await http.SendAsync(again)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], statuses);
        Assert.NotEqual(client.ConversationId, renewed.GetProperty("conversationId").GetString());
        Assert.Equal(session.GetProperty("userId").GetString(), renewed.GetProperty("userId").GetString());
    }

    private static JsonObject Message(string text) => new() { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "dl_test" } };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The condition did not hold within 5 s.");
    }

    private BotApiFactory Host() => DirectLineClient.Configure(new BotApiFactory()).WithServices(s => s.AddSingleton<TimeProvider>(_clock));
}
