using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.LiveHelp;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// Live help in the web chat (issue 15) through Direct Line as the page uses it, with the agent's side called as the
/// console calls it: who serves the person, and video calls whose signalling Xiaoshen relays. A fake clock stands at
/// an office hour (Friday 27 November 2026, 10:00 Beijing time).
/// </summary>
public sealed class LiveHelpTests : IDisposable
{
    private const string Gjj = "上海市公积金管理中心";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly HumanAgent _wang = HumanAgent.Create("gjj01", "王敏", [HumanAgent.AgentRole], ["gjj"], 5);
    private readonly List<JsonObject> _toAgent = [];
    private readonly BotApiFactory _factory;

    public LiveHelpTests() => _factory = DirectLineClient.Configure(new BotApiFactory())
        .WithSetting("Handoff:Assignment", "Pick")
        .WithSetting("Handoff:MonitorIntervalMilliseconds", "60000")
        .WithServices(s => s.AddSingleton<TimeProvider>(_clock));

    private HandoffCommands Commands => _factory.Services.GetRequiredService<HandoffCommands>();

    private HandoffBoard Board => _factory.Services.GetRequiredService<HandoffBoard>();

    private HandoffPresence Presence => _factory.Services.GetRequiredService<HandoffPresence>();

    private CallService Calls => _factory.Services.GetRequiredService<CallService>();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AnAgentsMessagesNameThemAndTheirDepartmentNotXiaoshen()
    {
        var (person, conversationId) = await ServedAsync();

        await Commands.SendAsync(conversationId, _wang, "您好，请问您是哪一年退休的？", [], [], CancellationToken.None);

        var message = (await person.ActivitiesAsync()).Activities.Last(a => a.GetProperty("type").GetString() == "message");
        Assert.Equal("您好，请问您是哪一年退休的？", message.GetProperty("text").GetString());
        Assert.Equal(("xiaoshen-staff", "王敏"), (message.GetProperty("from").GetProperty("id").GetString(), message.GetProperty("from").GetProperty("name").GetString()));
        var staff = message.GetProperty("channelData").GetProperty("xiaoshen");
        Assert.Equal(("staff", "王敏", Gjj), (staff.GetProperty("sender").GetString(), staff.GetProperty("name").GetString(), staff.GetProperty("department").GetString()));
    }

    [Fact]
    public async Task TheWebChatIsToldWhoServesItFromJoiningToLeaving()
    {
        var (person, conversationId) = await ServedAsync();
        var joined = await EventAsync(person, StaffNotices.EventName, e => e["state"]?.GetValue<string>() == "joined");

        await Commands.CloseAsync(conversationId, _wang, HandoffOutcome.Resolved, CancellationToken.None);

        Assert.Equal(("王敏", Gjj), (joined["name"]!.GetValue<string>(), joined["department"]!.GetValue<string>()));
        await EventAsync(person, StaffNotices.EventName, e => e["state"]?.GetValue<string>() == "left");
    }

    [Fact]
    public async Task AVideoCallIsRelayedBothWaysAndTheTranscriptRecordsItsLength()
    {
        var (person, conversationId) = await ServedAsync();

        var (problem, start) = await Calls.StartAsync(conversationId, _wang, video: true, ToAgent, CancellationToken.None);

        Assert.Equal(CallProblem.None, problem);
        var invite = await EventAsync(person, CallService.EventName, e => e["type"]?.GetValue<string>() == "invite");
        var callId = invite["callId"]!.GetValue<string>();
        Assert.Equal(start!.CallId.ToString("N"), callId);
        Assert.Equal(("王敏", Gjj, true), (invite["agent"]!.GetValue<string>(), invite["department"]!.GetValue<string>(), invite["video"]!.GetValue<bool>()));

        await SignalAsync(person, new JsonObject { ["type"] = "accept", ["callId"] = callId, ["media"] = "screen" });
        Assert.Equal(("accept", "screen"), (ToAgentLast()["type"]!.GetValue<string>(), ToAgentLast()["media"]!.GetValue<string>()));

        await Calls.FromAgentAsync(start.CallId, _wang, $$"""{"type":"offer","callId":"{{callId}}","sdp":"v=0 offer","extra":"dropped"}""", CancellationToken.None);
        var offer = await EventAsync(person, CallService.EventName, e => e["type"]?.GetValue<string>() == "offer");
        Assert.Equal("v=0 offer", offer["sdp"]!.GetValue<string>());
        Assert.Null(offer["extra"]);

        await SignalAsync(person, new JsonObject { ["type"] = "answer", ["callId"] = callId, ["sdp"] = "v=0 answer" });
        await SignalAsync(person, new JsonObject { ["type"] = "ice", ["callId"] = callId, ["candidates"] = new JsonArray(new JsonObject { ["candidate"] = "candidate:1 1 udp 2122194687 192.0.2.2 54932 typ host", ["sdpMid"] = "0", ["sdpMLineIndex"] = 0 }) });
        await SignalAsync(person, new JsonObject { ["type"] = "connected", ["callId"] = callId });
        Assert.Equal(["accept", "answer", "ice", "connected"], _toAgent.Select(s => s["type"]!.GetValue<string>()));
        Assert.Equal("v=0 answer", _toAgent[1]["sdp"]!.GetValue<string>());

        // Three minutes of call, during which the agent's console keeps being heard (as its heartbeat does), so the
        // presence timeout never takes the conversation away in the middle.
        for (var second = 0; second < 192; second += 24)
        {
            _clock.Advance(TimeSpan.FromSeconds(24));
            await Presence.HeardAsync(_wang, CancellationToken.None);
        }

        await Calls.FromAgentAsync(start.CallId, _wang, $$"""{"type":"hangup","callId":"{{callId}}"}""", CancellationToken.None);

        var end = await EventAsync(person, CallService.EventName, e => e["type"]?.GetValue<string>() == "end");
        Assert.Equal("AgentHungUp", end["reason"]!.GetValue<string>());
        await Eventually.TrueAsync(async () => (await TranscriptAsync(conversationId)).Any(t => t.Decision == "call"), "the call was not recorded in the transcript");
        var note = (await TranscriptAsync(conversationId)).Last(t => t.Decision == "call");
        Assert.Equal(TurnRole.System, note.Role);
        Assert.Equal("视频通话（王敏发起），通话时长 3 分 12 秒，王敏挂断。", note.Text);
        var activities = (await person.ActivitiesAsync()).Activities;
        Assert.Contains(activities, a => a.GetProperty("type").GetString() == "message" && a.GetProperty("text").GetString() == "视频通话已结束，通话时长 3 分 12 秒。");

        // The person's signalling went to the agent alone: it is neither kept in the log nor answered by Xiaoshen.
        Assert.DoesNotContain(activities, a => a.GetProperty("from").GetProperty("role").GetString() == "user" && a.GetProperty("type").GetString() == "event");
        Assert.Null(Calls.Active(conversationId));
    }

    [Fact]
    public async Task ACallNobodyAnswersIsRecordedAsNotAnswered()
    {
        var (person, conversationId) = await ServedAsync();
        await Calls.StartAsync(conversationId, _wang, video: false, ToAgent, CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(45));

        var end = await EventAsync(person, CallService.EventName, e => e["type"]?.GetValue<string>() == "end");
        Assert.Equal("Missed", end["reason"]!.GetValue<string>());
        // The console hears of the end after the transcript has it (a timer's work, off the test's thread).
        await Eventually.TrueAsync(() => Task.FromResult(AgentWasTold("end")), "the agent's console was not told that the call ended");
        Assert.Equal("语音通话（王敏发起）未接通：市民没有接听。", (await TranscriptAsync(conversationId)).Last(t => t.Decision == "call").Text);
    }

    [Fact]
    public async Task ClosingTheConversationEndsItsCall()
    {
        var (person, conversationId) = await ServedAsync();
        var (_, start) = await Calls.StartAsync(conversationId, _wang, video: true, ToAgent, CancellationToken.None);
        var callId = start!.CallId.ToString("N");
        await SignalAsync(person, new JsonObject { ["type"] = "accept", ["callId"] = callId, ["media"] = "camera" });
        await SignalAsync(person, new JsonObject { ["type"] = "connected", ["callId"] = callId });

        await Commands.CloseAsync(conversationId, _wang, HandoffOutcome.Resolved, CancellationToken.None);

        var end = await EventAsync(person, CallService.EventName, e => e["type"]?.GetValue<string>() == "end");
        Assert.Equal("HandoffEnded", end["reason"]!.GetValue<string>());
        // The person may hear of the end before the transcript's row is stored: wait for the row.
        await Eventually.TrueAsync(async () => (await TranscriptAsync(conversationId)).Any(t => t.Decision == "call"), "the call was not recorded in the transcript");
        Assert.Contains("系统挂断", (await TranscriptAsync(conversationId)).Last(t => t.Decision == "call").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonCannotSignalAnotherConversationsCall()
    {
        var (_, conversationId) = await ServedAsync();
        var (_, start) = await Calls.StartAsync(conversationId, _wang, video: true, ToAgent, CancellationToken.None);
        var stranger = await new DirectLineClient(_factory.CreateClient()).StartAsync();

        await SignalAsync(stranger, new JsonObject { ["type"] = "accept", ["callId"] = start!.CallId.ToString("N"), ["media"] = "camera" });
        await SignalAsync(stranger, new JsonObject { ["type"] = "hangup", ["callId"] = start.CallId.ToString("N") });

        Assert.Empty(_toAgent);
        Assert.Equal(CallState.Ringing, Calls.Active(conversationId)?.State);
    }

    [Fact]
    public async Task AnotherAgentOrAConversationNotYetAcceptedCannotBeCalled()
    {
        var (_, conversationId) = await ServedAsync();
        var li = HumanAgent.Create("rsj01", "李强", [HumanAgent.AgentRole], ["rsj"], 5);

        var (problem, start) = await Calls.StartAsync(conversationId, li, video: true, ToAgent, CancellationToken.None);

        Assert.Equal((CallProblem.NotYours, null), (problem, start));
    }

    [Fact]
    public async Task APersonOnAChannelWithoutAPageForCallsCannotBeCalled()
    {
        var person = new BotClient(_factory.CreateClient(), Guid.NewGuid().ToString("N"));
        await person.SayAsync("退休了公积金怎么取");
        await person.SayAsync("转人工");
        await Presence.HeardAsync(_wang, CancellationToken.None);
        var conversationId = (await Board.WaitingAsync(_wang, CancellationToken.None)).Single().ConversationId;
        await Commands.AcceptAsync(conversationId, _wang, CancellationToken.None);

        var (problem, _) = await Calls.StartAsync(conversationId, _wang, video: true, ToAgent, CancellationToken.None);

        Assert.Equal(CallProblem.ChannelUnsupported, problem);
    }

    [Fact]
    public void TurnCredentialsAreShortLivedAndSignedWithTheSharedSecretAsCoturnChecksThem()
    {
        using var factory = new BotApiFactory()
            .WithSetting("Calls:IceServers:0:Urls:0", "stun:turn.example.test:3478")
            .WithSetting("Calls:IceServers:1:Urls:0", "turn:turn.example.test:3478?transport=udp")
            .WithSetting("Calls:TurnSecret", "north")
            .WithServices(s => s.AddSingleton<TimeProvider>(_clock));

        var servers = factory.Services.GetRequiredService<IceServers>().For("call-1");

        Assert.Equal(["stun:turn.example.test:3478"], servers[0].Urls);
        Assert.Equal((null, null), (servers[0].Username, servers[0].Credential));
        var expires = _clock.GetUtcNow().AddMinutes(120).ToUnixTimeSeconds();
        Assert.Equal($"{expires}:call-1", servers[1].Username);
        Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData("north"u8.ToArray(), Encoding.UTF8.GetBytes($"{expires}:call-1"))), servers[1].Credential);
    }

    [Fact]
    public void ATurnServerWithoutCredentialsRefusesToStartWithTheReason()
    {
        using var factory = new BotApiFactory().WithSetting("Calls:IceServers:0:Urls:0", "turn:turn.example.test:3478");

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => factory.Services.GetRequiredService<IOptions<CallOptions>>().Value);

        Assert.Contains("needs Username and Credential, or set Calls:TurnSecret", refused.Message, StringComparison.Ordinal);
    }

    private Task ToAgent(string json)
    {
        lock (_toAgent)
        {
            _toAgent.Add(JsonNode.Parse(json)!.AsObject());
        }

        return Task.CompletedTask;
    }

    private bool AgentWasTold(string type)
    {
        lock (_toAgent)
        {
            return _toAgent.Any(s => s["type"]?.GetValue<string>() == type);
        }
    }

    private JsonObject ToAgentLast()
    {
        lock (_toAgent)
        {
            return _toAgent[^1];
        }
    }

    // A person on the web chat asks for a person; 王敏 of the department accepts from an open console.
    private async Task<(DirectLineClient Person, Guid ConversationId)> ServedAsync()
    {
        var person = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await person.PostAsync("退休了公积金怎么取");
        await person.PostAsync("转人工");
        await Presence.HeardAsync(_wang, CancellationToken.None);
        var conversationId = (await Board.WaitingAsync(_wang, CancellationToken.None)).Single(v => v.Channel == "directline").ConversationId;
        Assert.Equal(HandoffProblem.None, await Commands.AcceptAsync(conversationId, _wang, CancellationToken.None));
        return (person, conversationId);
    }

    private static async Task SignalAsync(DirectLineClient person, JsonObject value)
    {
        using var response = await person.PostRawAsync(new JsonObject { ["type"] = "event", ["name"] = CallService.EventName, ["value"] = value, ["from"] = new JsonObject { ["id"] = "dl_test" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Notices of who serves the person are sent off the handoff's thread: read the log until the one looked for is there.
    private static async Task<JsonObject> EventAsync(DirectLineClient person, string name, Func<JsonObject, bool> match)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var found = (await person.ActivitiesAsync()).Activities
                .Where(a => a.GetProperty("type").GetString() == "event" && a.GetProperty("name").GetString() == name)
                .Select(a => JsonNode.Parse(a.GetProperty("value").GetRawText())!.AsObject())
                .LastOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No {name} event arrived.");
    }

    private async Task<List<Turn>> TranscriptAsync(Guid conversationId) =>
        await _factory.Services.GetRequiredService<ConversationStore>().TranscriptAsync(conversationId, CancellationToken.None);
}
