using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.Storage;

/// <summary>
/// issue 11: every dialog (answers, follow-ups, feedback, clarify and fallback, chit-chat, a handoff with transfer,
/// close and rating, a call-back message, web chat) on PostgreSQL, where a column's length is enforced, with every
/// input as long as a person can make it and with characters PostgreSQL cannot keep. Every turn is stored, fitted to
/// its column; nothing is refused; the ticket number told is the one stored.
/// </summary>
public sealed partial class PostgresDialogTests
{
    // Friday 27 November 2026, 10:00 Beijing time: the departments are open.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
    private readonly RecordingChannelAdapter _channel = new();
    private readonly HumanAgent _wang = HumanAgent.Create("gjj01", "王敏", [HumanAgent.AgentRole], ["gjj"], 5);
    private readonly HumanAgent _li = HumanAgent.Create("rsj01", "李强", [HumanAgent.AgentRole], ["rsj"], 5);

    [PostgresFact]
    public async Task EveryDialogStoresMaximalInputsOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = DirectLineClient.Configure(database.Host())
            .WithSetting("Handoff:Assignment", "Pick")
            .WithServices(s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<IChannelAdapter>(_channel);
            });
        var handoff = factory.Services.GetRequiredService<HandoffCommands>();

        // Answers, a follow-up, feedback, and a handoff: transferred, closed and rated, every text longer than its column.
        // Messages are at most the 2,000 characters analysed (Conversations:MaxMessageCharacters); a longer one is
        // stored cut at that length with the "too long" reply, which the 8,000-character message below checks.
        var person = new BotClient(factory.CreateClient(), Guid.NewGuid().ToString("N"));
        var asked = new List<string>
        {
            Long("退休了公积金怎么取，我手机13812345678。", 2_000),
            "那要带什么材料",
            "没帮助",
            "转人工",
        };
        foreach (var text in asked)
        {
            Assert.NotEmpty(await person.SayAsync(text));
        }

        var conversation = await ConversationAsync(factory, person);
        Assert.Equal(HandoffProblem.None, await handoff.AcceptAsync(conversation, _wang, CancellationToken.None));
        Assert.Equal(HandoffProblem.None, (await handoff.SendAsync(conversation, _wang, Long("您好，我们会回电13812345678。", HandoffCommands.MaxMessageLength), [], [], CancellationToken.None)).Problem);
        asked.Add(Long("我还想问", 7_990) + "😀😀😀\0\ud800" + Long("。", 2_000));
        await person.SayAsync(asked[^1]);
        Assert.Equal(HandoffProblem.None, await handoff.TransferAsync(conversation, _wang, "rsj", Long("市民问的是养老金，", 3_000), CancellationToken.None));
        Assert.Equal(HandoffProblem.None, await handoff.AcceptAsync(conversation, _li, CancellationToken.None));
        Assert.Equal(HandoffProblem.None, await handoff.CloseAsync(conversation, _li, HandoffOutcome.Resolved, CancellationToken.None));
        asked.Add("不满意 " + Long("等太久了，", 1_990));
        Assert.Contains("感谢您的评价", (await person.SayAsync(asked[^1])).Last(r => r.Type == "message").Text, StringComparison.Ordinal);

        // Clarify, fallback and chit-chat.
        var other = new BotClient(factory.CreateClient(), Guid.NewGuid().ToString("N"));
        foreach (var text in new[] { "你好", "证件", "火星上的房子怎么过户" })
        {
            Assert.NotEmpty(await other.SayAsync(text));
        }

        // A call-back message after hours: a long question, a long preferred time (PostgreSQL once refused the ticket,
        // after its number had been told).
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var caller = new BotClient(factory.CreateClient(), Guid.NewGuid().ToString("N"));
        IReadOnlyList<BotActivity> replies = [];
        foreach (var text in new[] { "留言", Long("身份证310101199001011234的公积金怎么一次取完？", 1_990), "+86 138 1234 5678", Long("明天上午九点以后，", 250) + "😀", "确认" })
        {
            replies = await caller.SayAsync(text);
        }

        var told = TicketNumber().Match(replies.Last(r => r.Type == "message").Text).Value;

        // Web chat: the log row holds the whole activity.
        var webChat = await new DirectLineClient(factory.CreateClient()).StartAsync();
        await webChat.PostAsync(Long("社保卡丢了怎么补办", 2_000) + "\0\udc00");

        var tickets = factory.Services.GetRequiredService<CallbackTickets>();
        var ticket = Assert.Single(await tickets.ListAsync(null, includeClosed: false, CancellationToken.None));
        Assert.Equal(told, ticket.Number);
        Assert.True(await tickets.MarkAsync(ticket.Id, TicketStatus.Resolved, "gjj01", Long("已回电，", 2_000), CancellationToken.None));

        var writer = factory.Services.GetRequiredService<StorageWriter>();
        await writer.FlushAsync();
        Assert.Null(writer.FailingSince);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        Assert.Empty(await db.DeadLetters.ToListAsync());
        var userTurns = await db.Turns.Where(t => t.ConversationId == conversation && t.Role == TurnRole.User).OrderBy(t => t.Sequence).ToListAsync();
        Assert.Equal(asked.Count, userTurns.Count);
        Assert.All(asked.Zip(userTurns), pair => Assert.StartsWith(pair.First[..Math.Min(3, pair.First.Length)], pair.Second.Text, StringComparison.Ordinal));
        Assert.Contains("138****5678", userTurns[0].Text, StringComparison.Ordinal);
        Assert.Contains(await db.Turns.Where(t => t.Role == TurnRole.Agent).Select(t => t.Text).ToListAsync(), t => t.Contains("138****5678", StringComparison.Ordinal));
        var transferred = await db.HandoffSessions.SingleAsync(s => s.ConversationId == conversation && s.TransferNote != null);
        Assert.EndsWith("…", transferred.TransferNote, StringComparison.Ordinal);
        Assert.EndsWith("…", transferred.RatingComment, StringComparison.Ordinal);
        Assert.EndsWith("…", (await db.CallbackTickets.SingleAsync()).PreferredTime, StringComparison.Ordinal);
        var tooLong = (await StoredValues.ReadAsync(db)).Where(v => v.Property?.GetMaxLength() is { } max && v.Value.Length > max).ToList();
        Assert.Empty(tooLong);
    }

    private static async Task<Guid> ConversationAsync(BotApiFactory factory, BotClient person)
    {
        await factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return (await db.Conversations.SingleAsync(c => c.ChannelConversationId == person.ConversationId)).Id;
    }

    // The phrase repeated to the given length.
    private static string Long(string phrase, int length)
    {
        var text = new StringBuilder(length + phrase.Length);
        while (text.Length < length)
        {
            text.Append(phrase);
        }

        return text.ToString(0, length);
    }

    [GeneratedRegex(@"LY-\d{8}-\d{4,}")]
    private static partial Regex TicketNumber();
}
