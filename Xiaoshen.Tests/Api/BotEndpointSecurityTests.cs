using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// POST /api/messages (issue 11, item 1): who may call it outside Development and Testing, where replies may go, and
/// that a Bot Framework activity never reaches a conversation of Xiaoshen's own channels (Direct Line, WeChat).
/// </summary>
public sealed class BotEndpointSecurityTests
{
    private static readonly FakeTimeProvider FridayMorning = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void ProductionWithoutCredentialsOrTheEmulatorSettingRefusesToStart()
    {
        using var factory = new BotApiFactory().WithEnvironment("Production").WithSetting("MicrosoftAppId", string.Empty);

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("MicrosoftAppId", failure.Message, StringComparison.Ordinal);
        Assert.Contains("BotFramework:AllowEmulatorFromLoopback", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.9", null)]
    [InlineData("127.0.0.1", "203.0.113.9")]
    public async Task TheEmulatorSettingAdmitsOnlyDirectLoopbackCallers(string address, string? forwardedFor)
    {
        using var factory = EmulatorOnLoopback();

        using var response = await PostAsync(factory.CreateClient(), Activity("emulator", "demo"), address, forwardedFor);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheEmulatorSettingAnswersTheEmulatorOnThisMachine()
    {
        using var factory = EmulatorOnLoopback();

        using var response = await PostAsync(factory.CreateClient(), Activity("emulator", "demo"), "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("小申", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEmulatorSettingDoesNotLetRepliesGoToAnotherMachine()
    {
        using var factory = EmulatorOnLoopback();

        using var response = await PostAsync(factory.CreateClient(), Activity("emulator", "demo", "http://10.0.0.8:8080/"), "127.0.0.1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("http://webchat.botframework.com/")]
    [InlineData("https://botframework.com.attacker.example/")]
    [InlineData("https://webchat.botframework.com@attacker.example/")]
    public async Task RepliesGoOnlyToBotFrameworkHosts(string serviceUrl)
    {
        using var factory = new BotApiFactory();

        using var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", Activity("webchat", Guid.NewGuid().ToString("N"), serviceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().Conversations.AnyAsync());
    }

    [Theory]
    [InlineData("https://webchat.botframework.com/")]
    [InlineData("https://smba.trafficmanager.net/apac/")]
    public async Task AzureChannelsServiceUrlsAreAccepted(string serviceUrl)
    {
        using var factory = new BotApiFactory();

        using var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", Activity("msteams", Guid.NewGuid().ToString("N"), serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("directline/conversations", "x")]
    [InlineData("bf.directline", "x")]
    [InlineData("", "x")]
    [InlineData("webchat", "")]
    public async Task MalformedChannelOrConversationIdsAreRefused(string channel, string conversation)
    {
        using var factory = new BotApiFactory();

        using var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", Activity(channel, conversation));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnOverlongConversationIdIsRefused()
    {
        using var factory = new BotApiFactory();

        using var response = await factory.CreateClient().PostAsJsonAsync("/api/messages", Activity("webchat", new string('c', 257)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AStrangerUsingAWebChatConversationIdNeitherJoinsNorReadsIt()
    {
        using var factory = DirectLineClient.Configure(Handoff());
        var citizen = await new DirectLineClient(factory.CreateClient()).StartAsync();
        await citizen.PostAsync("退休了公积金怎么取");
        var stranger = new BotClient(factory.CreateClient(), citizen.ConversationId, "directline");

        var replies = await stranger.SayAsync("转人工");

        Assert.DoesNotContain(replies, r => r.Raw.ToString().Contains("退休了公积金怎么取", StringComparison.Ordinal));
        var (activities, _) = await citizen.ActivitiesAsync();
        Assert.DoesNotContain(activities, a => a.TryGetProperty("text", out var text) && text.GetString() == "转人工");
        var own = await WebChatConversationAsync(factory, citizen.ConversationId);
        Assert.Equal(ConversationStatus.Bot, own.Status);
        Assert.DoesNotContain(await TranscriptAsync(factory, own.Id), t => t.Text == "转人工");
    }

    [Fact]
    public async Task AForgedHandoffStatusDoesNotEndAWebChatHumanSession()
    {
        using var factory = DirectLineClient.Configure(Handoff());
        var citizen = await new DirectLineClient(factory.CreateClient()).StartAsync();
        await citizen.PostAsync("退休了公积金怎么取");
        await citizen.PostAsync("转人工");
        var conversation = await WebChatConversationAsync(factory, citizen.ConversationId);
        var wang = HumanAgent.Create("gjj01", "王敏", [HumanAgent.AgentRole], ["gjj"], 5);
        Assert.Equal(HandoffProblem.None, await factory.Services.GetRequiredService<HandoffCommands>().AcceptAsync(conversation.Id, wang, CancellationToken.None));

        await new BotClient(factory.CreateClient(), citizen.ConversationId, "directline").SendAsync(new JsonObject
        {
            ["type"] = "event",
            ["name"] = "handoff.status",
            ["value"] = new JsonObject { ["state"] = "completed" },
        });

        Assert.Equal(ConversationStatus.WithHuman, (await WebChatConversationAsync(factory, citizen.ConversationId)).Status);
    }

    private static BotApiFactory EmulatorOnLoopback() => new BotApiFactory()
        .WithEnvironment("Production")
        .WithSetting("MicrosoftAppId", string.Empty)
        .WithSetting("BotFramework:AllowEmulatorFromLoopback", "true")
        .WithRemoteAddresses();

    private static BotApiFactory Handoff() => new BotApiFactory()
        .WithSetting("Handoff:Assignment", "Pick")
        .WithSetting("Handoff:MonitorIntervalMilliseconds", "60000")
        .WithServices(s => s.AddSingleton<TimeProvider>(FridayMorning));

    private static JsonObject Activity(string channel, string conversation, string serviceUrl = "http://localhost:9/") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["text"] = "你好",
        ["channelId"] = channel,
        ["serviceUrl"] = serviceUrl,
        ["deliveryMode"] = "expectReplies",
        ["conversation"] = new JsonObject { ["id"] = conversation },
        ["from"] = new JsonObject { ["id"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot" },
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject activity, string address, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        request.Headers.Add(RemoteAddressFilter.Header, address);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    private static async Task<Conversation> WebChatConversationAsync(BotApiFactory factory, string directLineId)
    {
        await factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().Conversations.AsNoTracking()
            .SingleAsync(c => c.Channel == "directline" && c.ChannelConversationId == directLineId);
    }

    private static Task<List<Turn>> TranscriptAsync(BotApiFactory factory, Guid id) =>
        factory.Services.GetRequiredService<ConversationStore>().TranscriptAsync(id, CancellationToken.None);
}
