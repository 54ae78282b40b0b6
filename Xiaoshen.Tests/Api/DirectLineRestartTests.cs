using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Xiaoshen.Tests.Api;

public sealed class DirectLineRestartTests
{
    [Fact]
    public async Task AWebChatConversationAndItsHistorySurviveARestart()
    {
        using var content = new TestKnowledgeBase();
        DirectLineClient before;
        using (var first = DirectLineClient.Configure(BotApiFactory.On(content)))
        {
            before = await new DirectLineClient(first.CreateClient()).StartAsync();
            await before.PostAsync("退休了公积金怎么取");
        }

        using var second = DirectLineClient.Configure(BotApiFactory.On(content));
        var after = new DirectLineClient(second.CreateClient()) { Token = before.Token, ConversationId = before.ConversationId };

        var (history, watermark) = await after.ActivitiesAsync();
        var id = await after.PostAsync("那要带什么材料");
        var (latest, _) = await after.ActivitiesAsync(watermark);

        Assert.Contains(history, a => a.TryGetProperty("text", out var t) && t.GetString() == "退休了公积金怎么取");
        Assert.Contains(history, a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains("离休、退休提取住房公积金", StringComparison.Ordinal));
        Assert.Equal($"{before.ConversationId}|{int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture):D7}", id);
        Assert.Contains(latest, a => a.TryGetProperty("text", out var t) && t.GetString()!.Contains("申请材料", StringComparison.Ordinal));
    }

    // issue 11: with DirectLine:Secret empty (the default) every web chat token died with the process.
    [Fact]
    public async Task WebChatTokensSurviveARestartWithoutAConfiguredSecret()
    {
        using var content = new TestKnowledgeBase();
        DirectLineClient before;
        using (var first = BotApiFactory.On(content))
        {
            var http = first.CreateClient();
            var session = await (await http.PostAsync("/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
            before = new DirectLineClient(http) { Token = session.GetProperty("token").GetString()!, ConversationId = session.GetProperty("conversationId").GetString()! };
            await before.SendAsync(HttpMethod.Post, "/v3/directline/conversations", before.Token);
            await before.PostAsync("退休了公积金怎么取");
        }

        using var second = BotApiFactory.On(content);
        var after = new DirectLineClient(second.CreateClient()) { Token = before.Token, ConversationId = before.ConversationId };
        var (history, _) = await after.AllActivitiesAsync();
        using var refreshed = await after.RawAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", after.Token);

        Assert.Contains(history, a => a.TryGetProperty("text", out var t) && t.GetString() == "退休了公积金怎么取");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var secret = Path.Combine(content.Root, "data", "directline.secret");
        Assert.True(File.Exists(secret));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        }
    }

    // Console cookies and antiforgery tokens are protected with the Data Protection key ring: it lives in the data folder.
    [Fact]
    public async Task AnAgentStaysSignedInAcrossARestartWithTheKeysInTheDataFolder()
    {
        using var content = new TestKnowledgeBase();
        string cookie;
        using (var first = BotApiFactory.On(content))
        {
            using var signIn = await first.CreateClient().PostAsJsonAsync("/api/agent/sign-in", new { userName = "gjj01", password = "xiaoshen-demo" });
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
            cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        }

        using var second = BotApiFactory.On(content);
        using var queue = new HttpRequestMessage(HttpMethod.Get, "/api/agent/queue");
        queue.Headers.Add("Cookie", cookie);
        using var response = await second.CreateClient().SendAsync(queue);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = Path.Combine(content.Root, "data", "keys");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }
    }
}
