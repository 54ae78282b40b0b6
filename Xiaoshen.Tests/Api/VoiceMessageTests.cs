using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// Voice messages (issue 15, item 1) through the web chat's upload, as Web Chat sends a recording: answered from the
/// words a speech service recognised when one is configured, and otherwise kept for a person to listen to.
/// </summary>
public sealed class VoiceMessageTests
{
    private const string Question = "退休了公积金怎么取";
    private const string Answer = "办理退休手续后";

    /// <summary>The first bytes of a WebM recording (its EBML header), as MediaRecorder writes them.</summary>
    private static readonly byte[] Recording = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6D];

    [Fact]
    public async Task AVoiceMessageIsAnsweredFromTheWordsASpeechServiceRecognised()
    {
        var speech = new FakeSpeechToText(Question);
        using var factory = Host(speech);
        var person = await new DirectLineClient(factory.CreateClient()).StartAsync();

        await person.UploadAsync("语音留言.webm", "audio/webm", Recording);

        var (activities, _) = await person.ActivitiesAsync();
        var heard = Assert.Single(speech.Heard);
        Assert.Equal("audio/webm", heard.ContentType);
        Assert.Equal(Recording, heard.Audio);
        var voice = activities.Single(a => a.GetProperty("from").GetProperty("role").GetString() == "user" && a.GetProperty("type").GetString() == "message");
        Assert.Equal(Question, voice.GetProperty("attachments")[0].GetProperty("transcript").GetString());
        Assert.Contains(activities, a => BotText(a).Contains(Answer, StringComparison.Ordinal));

        var turn = (await TranscriptAsync(factory, person)).Single(t => t.Role == TurnRole.User);
        Assert.Equal(Question, turn.Text);
        var file = Assert.Single(turn.Attachments);
        Assert.Equal(("audio/webm", Question), (file.ContentType, file.Transcript));
    }

    [Fact]
    public async Task WithoutASpeechServiceAVoiceMessageIsSaidToBeHeardAndKeptForAPerson()
    {
        using var factory = Host(null);
        var person = await new DirectLineClient(factory.CreateClient()).StartAsync();

        await person.UploadAsync("语音留言.webm", "audio/webm", Recording);

        var (activities, _) = await person.ActivitiesAsync();
        Assert.Contains(activities, a => BotText(a).Contains("还听不懂语音", StringComparison.Ordinal));
        var file = Assert.Single((await TranscriptAsync(factory, person)).Single(t => t.Role == TurnRole.User).Attachments);
        Assert.Equal("audio/webm", file.ContentType);
        Assert.Null(file.Transcript);
    }

    [Fact]
    public async Task AClientCannotClaimWhatWasSaidInAVoiceMessage()
    {
        using var factory = Host(null);
        var person = await new DirectLineClient(factory.CreateClient()).StartAsync();
        await person.UploadAsync("语音留言.webm", "audio/webm", Recording);
        var kept = (await person.ActivitiesAsync()).Activities.First(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "user");
        var link = kept.GetProperty("attachments")[0].GetProperty("contentUrl").GetString()!;

        await person.PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = "dl_test" },
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "audio/webm", ["contentUrl"] = link, ["name"] = "语音.webm", ["transcript"] = Question }),
        });

        var (activities, _) = await person.ActivitiesAsync();
        Assert.DoesNotContain(activities, a => BotText(a).Contains(Answer, StringComparison.Ordinal));
        Assert.Equal(2, activities.Count(a => BotText(a).Contains("还听不懂语音", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnAgentSeesTheRecognisedWordsUnderTheVoiceMessage()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)));
        using var factory = Host(new FakeSpeechToText("我十月份退休的"), clock);
        var person = await new DirectLineClient(factory.CreateClient()).StartAsync();
        await person.PostAsync(Question);
        await person.PostAsync("转人工");
        var handoff = factory.Services.GetRequiredService<HandoffCommands>();
        var wang = HumanAgent.Create("gjj01", "王敏", [HumanAgent.AgentRole], ["gjj"], 5);
        await factory.Services.GetRequiredService<HandoffPresence>().HeardAsync(wang, CancellationToken.None);
        var agent = await factory.SignInAsync("gjj01");
        var conversationId = await agent.FirstWaitingAsync();
        Assert.Equal(HandoffProblem.None, await handoff.AcceptAsync(conversationId, wang, CancellationToken.None));

        await person.UploadAsync("语音留言.webm", "audio/webm", Recording);

        var turns = await agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{conversationId}/turns");
        var voice = turns.EnumerateArray().Last(t => t.GetProperty("role").GetString() == "user").GetProperty("attachments")[0];
        Assert.Equal("我十月份退休的", voice.GetProperty("transcript").GetString());
        Assert.StartsWith("/v3/directline/attachments/", voice.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    private static BotApiFactory Host(ISpeechToText? speech, TimeProvider? clock = null) => DirectLineClient.Configure(new BotApiFactory())
        .WithSetting("Handoff:Assignment", "Pick")
        .WithServices(s =>
        {
            if (speech is not null)
            {
                s.AddSingleton(speech);
            }

            if (clock is not null)
            {
                s.AddSingleton(clock);
            }
        });

    private static string BotText(JsonElement activity) =>
        activity.GetProperty("from").GetProperty("role").GetString() == "bot" && activity.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty;

    private static async Task<List<Turn>> TranscriptAsync(BotApiFactory factory, DirectLineClient person)
    {
        var store = factory.Services.GetRequiredService<ConversationStore>();
        var conversation = await store.GetOrStartAsync("directline", person.ConversationId, null, DateTimeOffset.UtcNow, CancellationToken.None);
        return await store.TranscriptAsync(conversation.Id, CancellationToken.None);
    }
}
