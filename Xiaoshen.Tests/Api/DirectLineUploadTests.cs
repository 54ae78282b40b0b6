using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Xiaoshen.Tests.Api;

/// <summary>Files people send through Direct Line: content checked against the declared type, quotas, the sender (issue 11).</summary>
public sealed class DirectLineUploadTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task AFileWhoseContentIsNotOfItsDeclaredTypeIsRefusedWithAClearMessage()
    {
        using var factory = Host();
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();

        using var upload = await UploadAsync(client, [("image/png", "截图.png", "MZ\u0090\0"u8.ToArray()), ("application/pdf", "材料.pdf", "<html><script>alert(1)</script>"u8.ToArray())]);
        var (activities, _) = await client.ActivitiesAsync("1");

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.DoesNotContain(activities, a => a.TryGetProperty("attachments", out var files) && files.GetArrayLength() > 0);
        Assert.Contains(activities, a => Says(a, "截图.png") && Says(a, "对不上"));
        Assert.Contains(activities, a => Says(a, "材料.pdf") && Says(a, "对不上"));
        Assert.Empty(KeptFiles(factory, client.ConversationId));
    }

    [Fact]
    public async Task AnSvgIsNotKeptThoughImagesAre()
    {
        using var factory = Host();
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();

        using var upload = await UploadAsync(client, [("image/svg+xml", "图.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray()), ("image/png", "截图.png", Png)]);
        var (activities, _) = await client.ActivitiesAsync("1");

        var files = WithFiles(activities).GetProperty("attachments");
        Assert.Equal("image/png", Assert.Single(files.EnumerateArray()).GetProperty("contentType").GetString());
        Assert.Contains(activities, a => Says(a, "图.svg") && Says(a, "不能接收"));
        Assert.Single(KeptFiles(factory, client.ConversationId));
    }

    [Fact]
    public async Task UploadsStopAtTheConversationQuotaWithAClearMessage()
    {
        using var factory = Host().WithSetting("Attachments:MaxUploadsPerConversation", "2");
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();

        using var upload = await UploadAsync(client, [("image/png", "1.png", Png), ("image/png", "2.png", Png), ("image/png", "3.png", Png)]);
        using var later = await UploadAsync(client, [("image/png", "4.png", Png)]);
        var (activities, _) = await client.ActivitiesAsync("1");

        Assert.Equal(2, WithFiles(activities).GetProperty("attachments").GetArrayLength());
        Assert.Contains(activities, a => Says(a, "3.png") && Says(a, "最多可以发送 2 个文件"));
        Assert.Contains(activities, a => Says(a, "4.png") && Says(a, "最多可以发送 2 个文件"));
        Assert.Equal(2, KeptFiles(factory, client.ConversationId).Length);
    }

    [Fact]
    public async Task UploadsFromOneAddressStopAtTheDailyQuotaUntilTheNextDay()
    {
        using var factory = Host().WithSetting("Attachments:MaxUploadsPerAddressPerDay", "2");
        var results = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            if (i == 3)
            {
                _clock.Advance(TimeSpan.FromDays(1));
            }

            var client = await new DirectLineClient(factory.CreateClient()).StartAsync();
            using var upload = await UploadAsync(client, [("image/png", $"{i}.png", Png)]);
            var (activities, _) = await client.ActivitiesAsync("1");
            results.Add(activities.Any(a => a.TryGetProperty("attachments", out var f) && f.GetArrayLength() > 0));
            if (i == 2)
            {
                Assert.Contains(activities, a => Says(a, "2.png") && Says(a, "今天发送的文件已经达到上限"));
            }
        }

        Assert.Equal([true, true, false, true], results);
    }

    [Fact]
    public async Task AHostRestartedOnTheSameDatabaseKeepsTheDaysCountOfAnAddress()
    {
        using var content = new TestKnowledgeBase();
        using (var before = Host(content).WithSetting("Attachments:MaxUploadsPerAddressPerDay", "2"))
        {
            for (var i = 1; i <= 2; i++)
            {
                var client = await new DirectLineClient(before.CreateClient()).StartAsync();
                using var upload = await UploadAsync(client, [("image/png", $"{i}.png", Png)]);
                WithFiles((await client.ActivitiesAsync()).Activities);
            }
        }

        using var after = Host(content).WithSetting("Attachments:MaxUploadsPerAddressPerDay", "2");
        var third = await new DirectLineClient(after.CreateClient()).StartAsync();
        using var refused = await UploadAsync(third, [("image/png", "3.png", Png)]);
        var (activities, _) = await third.ActivitiesAsync();

        Assert.Contains(activities, a => Says(a, "3.png") && Says(a, "今天发送的文件已经达到上限"));
        Assert.Empty(KeptFiles(after, third.ConversationId));
    }

    [Fact]
    public async Task AUserIdInTheQueryDoesNotSpeakForTheTokensUser()
    {
        using var factory = Host();
        var http = factory.CreateClient();
        var session = await (await http.PostAsync("/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var client = new DirectLineClient(http) { Token = session.GetProperty("token").GetString()!, ConversationId = session.GetProperty("conversationId").GetString()! };

        using var upload = await UploadAsync(client, [("image/png", "截图.png", Png)], "?userId=someone-else");
        var (activities, _) = await client.ActivitiesAsync();

        var sent = WithFiles(activities);
        Assert.Equal(session.GetProperty("userId").GetString(), sent.GetProperty("from").GetProperty("id").GetString());
    }

    internal static async Task<HttpResponseMessage> UploadAsync(DirectLineClient client, IEnumerable<(string ContentType, string Name, byte[] Bytes)> files, string query = "")
    {
        var form = new MultipartFormDataContent();
        foreach (var (contentType, name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "file", name);
        }

        using (form)
        {
            return await client.RawAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/upload{query}", client.Token, form);
        }
    }

    internal static byte[] PngBytes => Png;

    /// <summary>The one activity that carries files (Xiaoshen's own messages carry an empty list).</summary>
    internal static JsonElement WithFiles(IEnumerable<JsonElement> activities) =>
        Assert.Single(activities, a => a.TryGetProperty("attachments", out var files) && files.GetArrayLength() > 0);

    private static bool Says(JsonElement activity, string text) =>
        activity.TryGetProperty("text", out var said) && said.GetString() is { } s && s.Contains(text, StringComparison.Ordinal);

    private static string[] KeptFiles(BotApiFactory factory, string conversationId)
    {
        var folder = Path.Combine(factory.Content.Root, "data", "uploads", conversationId);
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    private BotApiFactory Host(TestKnowledgeBase? content = null) =>
        DirectLineClient.Configure(content is null ? new BotApiFactory() : BotApiFactory.On(content)).WithServices(s => s.AddSingleton<TimeProvider>(_clock));
}
