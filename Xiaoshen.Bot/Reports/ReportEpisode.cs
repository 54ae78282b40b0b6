using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// One stored episode of a closed day (<see cref="StoredDays"/>): the <see cref="Episode"/> record's columns, keyed by
/// the episode's id (its first turn's), with the Beijing day it began on. Times are kept as ticks so they read back
/// exactly as projected.
/// </summary>
public sealed class ReportEpisode
{
    public Guid Id { get; set; }

    public DateOnly Day { get; set; }

    public Guid ConversationId { get; set; }

    public string Channel { get; set; } = string.Empty;

    public string DepartmentId { get; set; } = string.Empty;

    public string? MatterId { get; set; }

    public string? HumanAgentId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public EpisodeOutcome Outcome { get; set; }

    public bool HandedOver { get; set; }

    public long? FirstResponseTicks { get; set; }

    public long? WaitTicks { get; set; }

    public ServiceRating? Rating { get; set; }

    public string? RatingComment { get; set; }

    public string? TicketNumber { get; set; }

    public string Question { get; set; } = string.Empty;

    public static ReportEpisode From(Episode episode) => new()
    {
        Id = episode.Id,
        Day = ReportSummary.Day(episode.StartedAt),
        ConversationId = episode.ConversationId,
        Channel = episode.Channel,
        DepartmentId = episode.DepartmentId,
        MatterId = episode.MatterId,
        HumanAgentId = episode.HumanAgentId,
        StartedAt = episode.StartedAt,
        EndedAt = episode.EndedAt,
        Outcome = episode.Outcome,
        HandedOver = episode.HandedOver,
        FirstResponseTicks = episode.FirstResponse?.Ticks,
        WaitTicks = episode.Wait?.Ticks,
        Rating = episode.Rating,
        RatingComment = episode.RatingComment,
        TicketNumber = episode.TicketNumber,
        Question = episode.Question,
    };

    public Episode ToEpisode() => new(
        Id,
        ConversationId,
        Channel,
        DepartmentId,
        MatterId,
        HumanAgentId,
        StartedAt,
        EndedAt,
        Outcome,
        HandedOver,
        FirstResponseTicks is { } response ? TimeSpan.FromTicks(response) : null,
        WaitTicks is { } wait ? TimeSpan.FromTicks(wait) : null,
        Rating,
        RatingComment,
        TicketNumber,
        Question);
}
