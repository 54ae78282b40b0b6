using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Reports;

namespace Xiaoshen.Tests.Reports;

/// <summary>
/// Writes the stored rows of one conversation as the service would (real turns, sessions, tickets and feedback), moving
/// its own clock forward, and projects them into episodes.
/// </summary>
internal sealed class EpisodeScript
{
    public static readonly TimeSpan Gap = TimeSpan.FromMinutes(30);

    public EpisodeScript(DateTimeOffset start, string channel = "directline")
    {
        // The service stores every moment in UTC.
        Now = start.ToUniversalTime();
        Conversation = Conversation.Start(channel, Guid.NewGuid().ToString("N"), "user", Now);
    }

    public DateTimeOffset Now { get; private set; }

    public Conversation Conversation { get; }

    public List<Turn> Turns { get; } = [];

    public List<HandoffSession> Sessions { get; } = [];

    public List<CallbackTicket> Tickets { get; } = [];

    public List<Feedback> Feedback { get; } = [];

    public EpisodeScript Wait(TimeSpan span)
    {
        Now += span;
        return this;
    }

    public EpisodeScript User(string text = "公积金怎么提取") => Add(Turn.FromUser(text, Now));

    public EpisodeScript Bot(string decision, string? matterId = null, string? content = null) =>
        Add(Turn.FromBot("回答", Now, decision, matterId, content, matterId is null ? null : 0.9));

    public EpisodeScript Answer(string matterId = "gjj-rent-withdraw", string content = "gjj-rent-withdraw#1") => User().Wait(TimeSpan.FromSeconds(1)).Bot("answer", matterId, content);

    public EpisodeScript NotHelpful()
    {
        var answer = Turns.Last(t => t.Decision == "answer");
        Feedback.Add(Xiaoshen.Bot.Conversations.Feedback.On(Conversation.Id, answer.Id, helpful: false, Now));
        return User("没帮助").Bot("offer");
    }

    /// <summary>Queues the conversation for a department; the returned session is then assigned, answered and ended by the test.</summary>
    public HandoffSession Queue(string departmentId = "gjj", string? matterId = "gjj-rent-withdraw")
    {
        Bot("handoff");
        var session = HandoffSession.Open(Conversation, new Routing(departmentId, departmentId, departmentId, null, matterId, HandoffReason.Requested), null, null, Now);
        Sessions.Add(session);
        return session;
    }

    public EpisodeScript Ticket(string departmentId = "gjj", int counter = 1)
    {
        Bot("callback");
        Tickets.Add(CallbackTicket.Create(counter, Conversation.Id, departmentId, "gjj-rent-withdraw", "问题", "13800138000", "明天上午", Now, Now.AddDays(1)));
        return this;
    }

    public IReadOnlyList<Episode> Project() =>
        EpisodeRules.Project(Conversation.Channel, Turns.Select(ReportTurn.From), Sessions, Tickets, Feedback, Gap, matterId => matterId is null ? "general" : matterId.Split('-')[0]);

    public EpisodeOutcome Outcome() => Assert.Single(Project()).Outcome;

    private EpisodeScript Add(Turn turn)
    {
        Turns.Add(Conversation.RecordNumbered(turn));
        Now += TimeSpan.FromSeconds(5);
        return this;
    }
}
