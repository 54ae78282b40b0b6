using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Reports;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Tests.Reports;

/// <summary>
/// A month of conversations written as stored rows, with a ledger of what each episode was scripted to be. The ledger,
/// not the report's rules, is the expectation: a report over the month must find the same figures in the raw rows.
/// A few conversations lie just outside the month and must not be counted.
/// </summary>
internal sealed class SyntheticMonth
{
    /// <summary>What one scripted episode is: its department, channel family, outcome and the times a person served it.</summary>
    public sealed record Planned(string DepartmentId, string Channel, EpisodeOutcome Outcome, bool HandedOver, double? FirstResponseSeconds, double? WaitSeconds, ServiceRating? Rating)
    {
        public DateTimeOffset StartedAt { get; init; }
    }

    private static readonly string[] Channels = ["directline", "wechat", "wecom", "msteams"];

    // Matter, its department, and the content of its answers.
    private static readonly (string Matter, string Department)[] Matters =
        [("gjj-rent-withdraw", "gjj"), ("gjj-retire-withdraw", "gjj"), ("sb-card", "rsj"), ("crj-passport", "crj")];

    private readonly List<EpisodeScript> _scripts = [];
    private int _tickets;

    public SyntheticMonth(int year, int month, int perDay, int seed = 14)
    {
        First = new DateOnly(year, month, 1);
        Last = First.AddMonths(1).AddDays(-1);
        var random = new Random(seed);
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            for (var i = 0; i < perDay; i++)
            {
                var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(random.Next(0, 23), random.Next(0, 60))), WorkingCalendar.Offset);
                Plan(random, start);
            }
        }

        // Just outside: the evening before the month and the first minutes after it.
        var before = new DateTimeOffset(First.AddDays(-1).ToDateTime(new TimeOnly(23, 40)), WorkingCalendar.Offset);
        var after = new DateTimeOffset(Last.AddDays(1).ToDateTime(new TimeOnly(0, 5)), WorkingCalendar.Offset);
        _scripts.Add(new EpisodeScript(before).Answer());
        _scripts.Add(new EpisodeScript(after).Answer());
    }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    public List<Planned> Ledger { get; } = [];

    /// <summary>The question of one episode carries a phone number, which must never leave masked text.</summary>
    public const string Phone = "13912345678";

    public async Task SaveAsync(XiaoshenDbContext db)
    {
        foreach (var script in _scripts)
        {
            db.Conversations.Add(script.Conversation);
            db.Turns.AddRange(script.Turns);
            db.HandoffSessions.AddRange(script.Sessions);
            db.CallbackTickets.AddRange(script.Tickets);
            db.Feedback.AddRange(script.Feedback);
        }

        await db.SaveChangesAsync();
    }

    private void Plan(Random random, DateTimeOffset start)
    {
        void Plan(Planned planned) => Ledger.Add(planned with { StartedAt = start });

        var channel = Channels[random.Next(Channels.Length)];
        var (matter, department) = Matters[random.Next(Matters.Length)];
        var content = matter + "#1";
        var script = new EpisodeScript(start, channel);
        var family = ReportChannel.Of(channel);
        _scripts.Add(script);
        switch (random.Next(9))
        {
            case 0:
                script.Answer(matter, content);
                Plan(new(department, family, EpisodeOutcome.ResolvedByBot, false, null, null, null));
                break;
            case 1:
                script.Answer(matter, content).NotHelpful();
                Plan(new(department, family, EpisodeOutcome.Unresolved, false, null, null, null));
                break;
            case 2:
                // Asked the same again in other words and got the same answer.
                script.Answer(matter, content).Answer(matter, content);
                Plan(new(department, family, EpisodeOutcome.Unresolved, false, null, null, null));
                break;
            case 3:
                script.User("问个别的").Bot("clarify");
                Plan(new("general", family, EpisodeOutcome.Abandoned, false, null, null, null));
                break;
            case 4:
                script.User("我的电话" + Phone + "，要找人").Bot("fallback");
                Plan(new("general", family, EpisodeOutcome.Unresolved, false, null, null, null));
                break;
            case 5:
            case 6:
            {
                var session = script.Answer(matter, content).User("转人工").Queue(department, matter);
                var wait = random.Next(2, 90);
                var firstResponse = wait + random.Next(1, 60);
                session.Assign(department + "01", script.Now.AddSeconds(wait));
                session.AgentWrote(script.Now.AddSeconds(firstResponse));
                var outcome = random.Next(4) switch { 0 => HandoffOutcome.NotResolved, 1 => HandoffOutcome.Referred12345, _ => HandoffOutcome.Resolved };
                session.End(outcome, script.Now.AddMinutes(6));
                ServiceRating? rating = random.Next(4) switch { 0 => null, 1 => ServiceRating.Dissatisfied, 2 => ServiceRating.BasicallySatisfied, _ => ServiceRating.Satisfied };
                if (rating is { } r)
                {
                    session.Rate(r, r == ServiceRating.Dissatisfied ? "等太久了，电话" + Phone : null, script.Now.AddMinutes(7));
                }

                var expected = outcome switch
                {
                    HandoffOutcome.Resolved => EpisodeOutcome.HumanResolved,
                    HandoffOutcome.Referred12345 => EpisodeOutcome.Referred12345,
                    _ => EpisodeOutcome.HumanNotResolved,
                };
                Plan(new(department, family, expected, true, firstResponse, wait, rating));
                break;
            }

            case 7:
            {
                var session = script.User("转人工").Queue(department, matter);
                var wait = random.Next(10, 200);
                session.End(HandoffOutcome.Cancelled, script.Now.AddSeconds(wait));
                Plan(new(department, family, EpisodeOutcome.Abandoned, true, null, wait, null));
                break;
            }

            default:
                script.Answer(matter, content).User("转人工").Bot("offer-message").Ticket(department, ++_tickets);
                Plan(new(department, family, EpisodeOutcome.OffHoursTicket, false, null, null, null));
                break;
        }
    }
}
