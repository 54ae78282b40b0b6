using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// One conversation episode as the reports see it: projected from the stored turns, handoff sessions, call-back tickets
/// and feedback; kept for closed days as a <see cref="ReportEpisode"/> (<see cref="StoredDays"/>). <see cref="Id"/> is
/// the id of its first turn, so it is the same on every rebuild.
/// </summary>
public sealed record Episode(
    Guid Id,
    Guid ConversationId,
    string Channel,
    string DepartmentId,
    string? MatterId,
    string? HumanAgentId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    EpisodeOutcome Outcome,
    bool HandedOver,
    TimeSpan? FirstResponse,
    TimeSpan? Wait,
    ServiceRating? Rating,
    string? RatingComment,
    string? TicketNumber,
    string Question)
{
    /// <summary>The channel family (<see cref="ReportChannel"/>).</summary>
    public string ChannelFamily => ReportChannel.Of(Channel);
}
