using System.Globalization;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// What the person in human hands is told by the service itself, through their own channel and into the transcript: who
/// took the conversation, their place and the expected wait, the request for a rating. Only what is true: the place and
/// the waits come from the rows, whichever node queued or assigned them. Singleton.
/// </summary>
public sealed class HandoffNotices(
    HandoffCopies copies,
    HandoffClaims claims,
    HandoffAvailability availability,
    ConversationStore conversations,
    ChannelDelivery delivery,
    HumanAgentRoster roster,
    IHumanAgentPresence presence,
    IOptionsMonitor<HandoffMessages> messages,
    TimeProvider time)
{
    private const int WaitSamplesKept = 20;
    private static readonly TimeSpan WaitSamplesAge = TimeSpan.FromDays(1);

    private HandoffMessages M => messages.CurrentValue;

    /// <summary>A message asking for a rating, with one button per level.</summary>
    public static OutboundReply RatingRequest(string text, HandoffMessages messages) =>
        new(text) { Buttons = messages.Ratings.Select(r => new ReplyAction(r, ReplyActionKind.SendText, r)).ToList() };

    internal async Task TellAsync(Conversation conversation, string text, IReadOnlyList<string> actions, CancellationToken cancellationToken)
    {
        conversations.Append(conversation, Turn.FromBot(text, time.GetUtcNow(), "handoff"));
        var reply = new OutboundReply(text) { SuggestedActions = actions.Select(a => new ReplyAction(a, ReplyActionKind.SendText, a)).ToList() };
        await delivery.DeliverAsync(conversation, [reply], cancellationToken);
    }

    /// <summary>The five levels as the channel's own buttons: a card in web chat and Bot Framework channels, numbered in WeChat.</summary>
    internal async Task AskRatingAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        conversations.Append(conversation, Turn.FromBot(M.ClosedRate, time.GetUtcNow(), "handoff"));
        await delivery.DeliverAsync(conversation, [RatingRequest(M.ClosedRate, M)], cancellationToken);
    }

    /// <summary>
    /// <paramref name="template"/> filled with the agent and their own department (one of the backup group is not the
    /// queue's department's staff), as their account was last read. Under the gate.
    /// </summary>
    internal string Introduce(string template, HandoffCopy live, string humanAgentId)
    {
        var agent = roster.Find(humanAgentId);
        var department = availability.DepartmentNameOf(agent, live.Routing, M.DutyTeam);
        return ConversationMessages.Fill(template, ("Department", department), ("Agent", agent?.DisplayName ?? humanAgentId));
    }

    /// <summary>
    /// The person's place and the expected wait, with the actions offered. Nobody of the group online on any node is said
    /// so, with a message offered; a wait is given only from waits measured lately.
    /// </summary>
    internal async Task<(string Status, IReadOnlyList<string> Actions)> WaitingAsync(HandoffCopy live, DateTimeOffset now, CancellationToken cancellationToken)
    {
        HandoffSession row;
        var busy = await presence.BusyAsync();
        var online = (await roster.OnlineAsync(now, cancellationToken)).Where(a => a.GroupList.Contains(live.Routing.AgentGroup)).ToList();
        lock (copies.Gate)
        {
            row = live.Session;
        }

        var ahead = await claims.AheadAsync(row, cancellationToken);
        var place = ahead.ToString(CultureInfo.InvariantCulture);
        if (online.Count == 0)
        {
            return (ConversationMessages.Fill(M.WaitingStatusNobodyOnline, ("Ahead", place), ("Department", live.Routing.DepartmentName)), [M.LeaveMessageButton, M.CancelWord]);
        }

        var serving = online.Count(a => !busy.Contains(a.Id));
        var waits = serving > 0 ? await claims.RecentWaitsAsync(live.Routing.DepartmentId, now - WaitSamplesAge, WaitSamplesKept, cancellationToken) : [];
        return (ConversationMessages.Fill(M.WaitingStatus, ("Ahead", place), ("Wait", WaitText(ExpectedWait(waits, ahead, serving)))), [M.CancelWord]);
    }

    // People ahead, served by the group's available agents at the pace measured lately (the department's last
    // WaitSamplesKept conversations taken within WaitSamplesAge); null when there is nothing to go by.
    private static TimeSpan? ExpectedWait(List<TimeSpan> waits, int ahead, int serving) =>
        serving > 0 && waits.Count > 0
            ? TimeSpan.FromSeconds(waits.Average(w => w.TotalSeconds) * (1 + (ahead / serving)))
            : null;

    private string WaitText(TimeSpan? wait) => wait switch
    {
        null => M.WaitUnknown,
        { } w when w <= TimeSpan.FromMinutes(1) => M.WaitUnderMinute,
        { } w => ConversationMessages.Fill(M.WaitMinutes, ("Minutes", Math.Ceiling(w.TotalMinutes).ToString(CultureInfo.InvariantCulture))),
    };
}
