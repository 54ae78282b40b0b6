using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// Cuts one conversation's stored rows into episodes and gives each exactly one <see cref="EpisodeOutcome"/>. Pure: the
/// same rows give the same episodes, so the reports can be rebuilt for any period, and a changed rule applies to the
/// past as well. The rules are documented in docs/reports.md; keep the two in step.
/// </summary>
public static class EpisodeRules
{
    /// <summary>
    /// The version of these rules. Bump it with every change to what an episode is or which outcome it gets: stored
    /// days projected under another version are then ignored and rebuilt (<see cref="StoredDays"/>).
    /// </summary>
    public const int Version = 1;

    // Bot replies that answer (or fail to answer) a question, as opposed to greetings, menus and handoff notes.
    private const string Answer = "answer";
    private const string Clarify = "clarify";
    private const string Fallback = "fallback";
    private static readonly HashSet<string> QuestionReplies = [Answer, Clarify, Fallback];

    // Turns that say the person asked for (or was queued for) a person.
    private static readonly HashSet<string> HandoffRequests = ["human", "handoff", "routing", "offer-message"];

    /// <summary>
    /// The episodes of one conversation. A new episode starts with a message of the person after <paramref name="gap"/>
    /// of silence, unless a handoff session is still open then. An episode without any message of the person (a welcome
    /// nobody answered) is no consultation and is left out.
    /// </summary>
    /// <param name="turns">The conversation's turns, any order.</param>
    /// <param name="departmentOf">The department responsible for a matter (the general one for none), for episodes no department served.</param>
    public static IReadOnlyList<Episode> Project(
        string channel,
        IEnumerable<ReportTurn> turns,
        IEnumerable<HandoffSession> sessions,
        IEnumerable<CallbackTicket> tickets,
        IEnumerable<Feedback> feedback,
        TimeSpan gap,
        Func<string?, string> departmentOf)
    {
        var ordered = turns.OrderBy(t => t.Sequence).ToList();
        var sessionList = sessions.OrderBy(s => s.QueuedAt).ToList();
        var unhelpful = feedback.Where(f => !f.Helpful).Select(f => f.TurnId).ToHashSet();
        var ticketList = tickets.OrderBy(t => t.CreatedAt).ToList();

        var groups = new List<List<ReportTurn>>();
        foreach (var turn in ordered)
        {
            var last = groups.Count == 0 ? null : groups[^1][^1];
            var starts = last is null
                || (turn.Role == TurnRole.User && turn.At - last.At >= gap && !sessionList.Any(s => s.QueuedAt <= turn.At && (s.EndedAt is null || s.EndedAt > turn.At)));
            if (starts)
            {
                groups.Add([]);
            }

            groups[^1].Add(turn);
        }

        var episodes = new List<Episode>();
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            if (!group.Any(t => t.Role == TurnRole.User))
            {
                continue;
            }

            // Sessions and tickets belong to the episode during which they began.
            var start = group[0].At;
            var next = i + 1 < groups.Count ? groups[i + 1][0].At : DateTimeOffset.MaxValue;
            var mine = sessionList.Where(s => s.QueuedAt >= start && s.QueuedAt < next).ToList();
            var ticket = ticketList.FirstOrDefault(t => t.CreatedAt >= start && t.CreatedAt < next);
            episodes.Add(Build(channel, group, mine, ticket, unhelpful, departmentOf));
        }

        return episodes;
    }

    /// <summary>The outcome of one episode's rows; the first rule that applies decides.</summary>
    public static EpisodeOutcome Classify(IReadOnlyList<ReportTurn> turns, IReadOnlyList<HandoffSession> sessions, CallbackTicket? ticket, IReadOnlySet<Guid> unhelpfulTurns)
    {
        // 1. A person referred the question to 12345, in any of the episode's sessions.
        if (sessions.Any(s => s.Outcome == HandoffOutcome.Referred12345))
        {
            return EpisodeOutcome.Referred12345;
        }

        // 2. Handed over: the last session (after any transfers) decides.
        if (sessions.Count > 0)
        {
            var last = sessions[^1];
            return last.Outcome switch
            {
                HandoffOutcome.Resolved => EpisodeOutcome.HumanResolved,
                HandoffOutcome.Cancelled => EpisodeOutcome.Abandoned,
                HandoffOutcome.PersonSilent when last.FirstResponseAt is null => EpisodeOutcome.Abandoned,
                HandoffOutcome.ClosedAfterHours when ticket is not null => EpisodeOutcome.OffHoursTicket,
                _ => EpisodeOutcome.HumanNotResolved,
            };
        }

        // 3. Nobody could take it, and the person left a message for a call-back.
        if (ticket is not null)
        {
            return EpisodeOutcome.OffHoursTicket;
        }

        // 4. Xiaoshen alone: its last reply to a question decides.
        var replies = turns.Where(t => t.Role == TurnRole.Bot && t.Decision is not null && QuestionReplies.Contains(t.Decision)).ToList();
        var lastReply = replies.Count == 0 ? null : replies[^1];
        var askedForPerson = turns.Any(t => t.Role == TurnRole.Bot && t.Decision is not null && HandoffRequests.Contains(t.Decision)
            && (lastReply is null || t.Sequence > lastReply.Sequence));
        if (askedForPerson)
        {
            return EpisodeOutcome.Unresolved;
        }

        return lastReply switch
        {
            null => EpisodeOutcome.Abandoned,
            { Decision: Clarify } => EpisodeOutcome.Abandoned,
            { Decision: Fallback } => EpisodeOutcome.Unresolved,
            _ when unhelpfulTurns.Contains(lastReply.Id) => EpisodeOutcome.Unresolved,
            _ when IsRepeat(replies, turns) => EpisodeOutcome.Unresolved,
            _ => EpisodeOutcome.ResolvedByBot,
        };
    }

    // The last answer gives the same content as the answer before it, to a new message of the person: they asked the
    // same question again in other words, and got the same answer that had not helped.
    private static bool IsRepeat(List<ReportTurn> replies, IReadOnlyList<ReportTurn> turns)
    {
        if (replies.Count < 2 || replies[^2] is not { Decision: Answer, Content: { } previous } before || replies[^1].Content != previous)
        {
            return false;
        }

        var after = replies[^1].Sequence;
        return turns.Any(t => t.Role == TurnRole.User && t.Sequence > before.Sequence && t.Sequence < after);
    }

    private static Episode Build(string channel, List<ReportTurn> turns, List<HandoffSession> sessions, CallbackTicket? ticket, HashSet<Guid> unhelpful, Func<string?, string> departmentOf)
    {
        var outcome = Classify(turns, sessions, ticket, unhelpful);
        var first = sessions.FirstOrDefault();
        var last = sessions.LastOrDefault();
        var matter = last?.MatterId ?? ticket?.MatterId
            ?? turns.LastOrDefault(t => t.Role == TurnRole.Bot && t.MatterId is not null && t.Decision is Answer)?.MatterId
            ?? turns.LastOrDefault(t => t.Role == TurnRole.Bot && t.MatterId is not null)?.MatterId;
        var department = last?.DepartmentId ?? ticket?.DepartmentId ?? departmentOf(matter);
        var ended = new[] { turns[^1].At, last?.EndedAt ?? turns[^1].At }.Max();
        var question = turns.FirstOrDefault(t => t.Role == TurnRole.User && !string.IsNullOrWhiteSpace(t.Text))?.Text ?? string.Empty;
        var rated = sessions.LastOrDefault(s => s.Rating is not null);
        return new Episode(
            turns[0].Id,
            turns[0].ConversationId,
            channel,
            department,
            matter,
            last?.HumanAgentId ?? sessions.LastOrDefault(s => s.HumanAgentId is not null)?.HumanAgentId,
            turns[0].At,
            ended,
            outcome,
            sessions.Count > 0,
            first?.FirstResponse,
            first is null ? null : (first.AssignedAt ?? first.EndedAt) - first.QueuedAt,
            rated?.Rating,
            rated?.RatingComment is { } comment ? PersonalData.Mask(comment) : null,
            ticket?.Number,
            PersonalData.Mask(question));
    }
}
