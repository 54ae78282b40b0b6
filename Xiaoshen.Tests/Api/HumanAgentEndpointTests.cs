using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Api;

/// <summary>The agent's HTTP API (<c>/api/agent</c>) with the seeded demo accounts, on a Friday at 10:00 Beijing time.</summary>
public sealed class HumanAgentEndpointTests : IDisposable
{
    private readonly RecordingChannelAdapter _channel = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly BotApiFactory _factory;

    public HumanAgentEndpointTests()
    {
        _factory = DirectLineClient.Configure(new BotApiFactory())
            .WithSetting("Handoff:Assignment", "Pick")
            .WithSetting("Handoff:MonitorIntervalMilliseconds", "60000")
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<IChannelAdapter>(_channel);
            });
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task WithoutSigningInTheApiAnswers401NotTheSignInPage()
    {
        using var response = await _factory.CreateClient().GetAsync("/api/agent/queue");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        using var response = await _factory.CreateClient().PostAsJsonAsync("/api/agent/sign-in", new { userName = "gjj01", password = "guess" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnAgentTakesRepliesReadsAndClosesAConversationOverHttp()
    {
        var person = await QueuedPersonAsync();
        var agent = await SignInAsync("gjj01");

        var queue = await agent.GetFromJsonAsync<JsonElement>("/api/agent/queue");
        var id = queue.GetProperty("waiting")[0].GetProperty("conversationId").GetGuid();
        using var accepted = await agent.PostAsync($"/api/agent/conversations/{id}/accept", null);
        using var again = await agent.PostAsync($"/api/agent/conversations/{id}/accept", null);
        using var sent = await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/messages", new { text = "您好，请问哪年退休？" });
        var seen = await agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after=0");
        var last = seen.EnumerateArray().Last().GetProperty("sequence").GetInt32();
        var poll = agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after={last}&wait=20");
        await person.SayAsync("明年三月");
        var polled = await poll;
        using var closed = await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { outcome = "Resolved" });

        Assert.Equal("gjj", queue.GetProperty("waiting")[0].GetProperty("departmentId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivered").GetBoolean());
        Assert.Contains("您好，请问哪年退休？", _channel.To(person.ConversationId));
        Assert.Contains(seen.EnumerateArray(), t => t.GetProperty("text").GetString() == "退休了公积金怎么取");
        Assert.Equal("明年三月", polled.EnumerateArray().Single(t => t.GetProperty("role").GetString() == "user").GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Contains(_channel.To(person.ConversationId), t => t.Contains("请为本次服务打个分", StringComparison.Ordinal));
    }

    // Issue 14, section 5: closing says how it ended; no outcome is assumed.
    [Fact]
    public async Task ClosingWithoutAnOutcomeIsRefusedAndTheConversationStaysWithTheAgent()
    {
        var person = await QueuedPersonAsync();
        var agent = await SignInAsync("gjj01");
        var id = await agent.FirstWaitingAsync();
        using var accepted = await agent.PostAsync($"/api/agent/conversations/{id}/accept", null);

        using var bare = await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { });
        using var internalOutcome = await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { outcome = "Transferred" });
        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/agent/queue");
        using var closed = await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/close", new { outcome = "NotResolved" });

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("Resolved, NotResolved, Referred12345", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, internalOutcome.StatusCode);
        Assert.Equal(id, mine.GetProperty("mine")[0].GetProperty("conversationId").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Contains(_channel.To(person.ConversationId), t => t.Contains("请为本次服务打个分", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAgentOfAnotherGroupNeitherSeesNorTakesTheConversation()
    {
        await QueuedPersonAsync();
        var gjj = await SignInAsync("gjj01");
        var id = await gjj.FirstWaitingAsync();
        var rsj = await SignInAsync("rsj01");

        var queue = await rsj.GetFromJsonAsync<JsonElement>("/api/agent/queue");
        using var accept = await rsj.PostAsync($"/api/agent/conversations/{id}/accept", null);
        using var send = await rsj.PostAsJsonAsync($"/api/agent/conversations/{id}/messages", new { text = "您好" });

        Assert.Equal(0, queue.GetProperty("waiting").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
    }

    [Fact]
    public async Task OnlyTheConversationsGroupItsAgentAndSupervisorsReadTheTranscript()
    {
        // Issue 11, item 9: the same rules as accepting it.
        await QueuedPersonAsync();
        var gjj = await SignInAsync("gjj01");
        var id = await gjj.FirstWaitingAsync();
        var turns = $"/api/agent/conversations/{id}/turns";
        var rsj = await SignInAsync("rsj01");
        var backup = await SignInAsync("general01");
        var supervisor = await SignInAsync("banzhang");

        using var waitingForGjj = await gjj.GetAsync(turns);
        using var waitingForRsj = await rsj.GetAsync(turns);
        using var beforeEscalation = await backup.GetAsync(turns);
        using var accepted = await gjj.PostAsync($"/api/agent/conversations/{id}/accept", null);
        using var transferred = await gjj.PostAsJsonAsync($"/api/agent/conversations/{id}/transfer", new { departmentId = "rsj", note = "养老金的问题" });
        using var afterTransfer = await gjj.GetAsync(turns);
        using var transferredToRsj = await rsj.GetAsync(turns);
        using var bySupervisor = await supervisor.GetAsync(turns);

        Assert.Equal(HttpStatusCode.OK, waitingForGjj.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, waitingForRsj.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, beforeEscalation.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, transferred.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterTransfer.StatusCode);
        Assert.DoesNotContain("退休了公积金怎么取", await afterTransfer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, transferredToRsj.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);
    }

    [Fact]
    public async Task TheBackupGroupReadsAConversationOnceItIsEscalatedToThem()
    {
        await QueuedPersonAsync();
        var backup = await SignInAsync("general01");
        var id = await (await SignInAsync("gjj01")).FirstWaitingAsync();

        _clock.Advance(TimeSpan.FromSeconds(46));
        await _factory.Services.GetRequiredService<HandoffClock>().TickAsync(CancellationToken.None);
        using var escalated = await backup.GetAsync($"/api/agent/conversations/{id}/turns");

        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
    }

    [Fact]
    public async Task AttachmentsThatAreNotXiaoshensOwnSignedFilesComeAsTextWithoutALink()
    {
        // Issue 11, item 14: a person's attachment URL is whatever their client sent.
        var person = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await person.PostAsync("退休了公积金怎么取");
        await person.PostAsync("转人工");
        var agent = await SignInAsync("gjj01");
        var id = await agent.FirstWaitingAsync();
        using var accepted = await agent.PostAsync($"/api/agent/conversations/{id}/accept", null);
        await person.UploadAsync("截图.png", "image/png", DirectLineClient.OnePixelPng);
        await person.PostAsync(
            "请看附件",
            ("image/png", "https://tracker.example/pixel.png", "pixel.png"),
            ("application/pdf", "javascript:alert(document.cookie)", "办事指南.pdf"),
            ("image/png", "/v3/directline/attachments/x/y.png?e=4102444800&s=forged", "forged.png"));

        var files = (await agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns"))
            .EnumerateArray().SelectMany(t => t.GetProperty("attachments").EnumerateArray()).ToList();

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        var own = Assert.Single(files, f => f.GetProperty("name").GetString() == "截图.png");
        var link = own.GetProperty("url").GetString()!;
        Assert.StartsWith("/v3/directline/attachments/", link, StringComparison.Ordinal);
        using var file = await agent.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        foreach (var (name, url) in new[] { ("pixel.png", "https://tracker.example/pixel.png"), ("办事指南.pdf", "javascript:alert(document.cookie)"), ("forged.png", "/v3/directline/attachments/x/y.png?e=4102444800&s=forged") })
        {
            var untrusted = Assert.Single(files, f => f.GetProperty("name").GetString() == name);
            Assert.Equal(JsonValueKind.Null, untrusted.GetProperty("url").ValueKind);
            Assert.Equal(url, untrusted.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task AnEditorIsNotAnAgent()
    {
        var editor = await SignInAsync("editor");

        using var response = await editor.GetAsync("/api/agent/queue");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<BotClient> QueuedPersonAsync()
    {
        var person = new BotClient(_factory.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");
        return person;
    }

    private Task<HttpClient> SignInAsync(string userName) => _factory.SignInAsync(userName);
}
