using System.Text.Json;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// One pre-review (提前预审): a person's photos of a matter's documents, the automatic findings, and the department's
/// confirmation or correction, promised within the configured working days. The rules of its life are here.
/// </summary>
public sealed class PreReviewCase
{
    private PreReviewCase()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The number told to the person (YS-20261130-3F9A).</summary>
    public string Number { get; private set; } = string.Empty;

    public Guid ConversationId { get; private set; }

    public string Channel { get; private set; } = string.Empty;

    /// <summary>Who asked (the channel's user id), so a booking of the same person and matter finds it.</summary>
    public string? UserId { get; private set; }

    public string MatterId { get; private set; } = string.Empty;

    public string DepartmentId { get; private set; } = string.Empty;

    public PreReviewStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>The promise: staff confirm or correct by then.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>The automatic findings (JSON, values masked).</summary>
    public string FindingsJson { get; private set; } = "[]";

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewNote { get; private set; }

    /// <summary>When the photos were deleted (retention).</summary>
    public DateTimeOffset? PurgedAt { get; private set; }

    public IReadOnlyList<PreReviewFinding> Findings => JsonSerializer.Deserialize<List<PreReviewFinding>>(FindingsJson) ?? [];

    public bool IsOpen => Status is PreReviewStatus.Collecting or PreReviewStatus.Submitted;

    public static PreReviewCase Start(Guid conversationId, string channel, string? userId, string matterId, string departmentId, DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        return new PreReviewCase
        {
            Id = id,
            Number = $"YS-{now.ToOffset(Handoff.WorkingCalendar.Offset):yyyyMMdd}-{id.ToString("N")[..4].ToUpperInvariant()}",
            ConversationId = conversationId,
            Channel = channel,
            UserId = userId,
            MatterId = matterId,
            DepartmentId = departmentId,
            Status = PreReviewStatus.Collecting,
            CreatedAt = now,
        };
    }

    /// <summary>The automatic check ran: the findings go to the department, due by <paramref name="due"/>.</summary>
    public void Submit(IReadOnlyList<PreReviewFinding> findings, DateTimeOffset now, DateTimeOffset due)
    {
        if (Status != PreReviewStatus.Collecting)
        {
            throw new InvalidOperationException($"Pre-review {Number} cannot be submitted when {Status}.");
        }

        FindingsJson = JsonSerializer.Serialize(findings);
        Status = PreReviewStatus.Submitted;
        SubmittedAt = now;
        DueAt = due;
    }

    public void Cancel()
    {
        if (Status != PreReviewStatus.Collecting)
        {
            throw new InvalidOperationException($"Pre-review {Number} cannot be cancelled when {Status}.");
        }

        Status = PreReviewStatus.Cancelled;
    }

    /// <summary>Staff confirm, correct or reject a submitted result; a correction or rejection says why.</summary>
    public void Review(PreReviewStatus outcome, string humanAgentId, string? note, DateTimeOffset now)
    {
        if (Status != PreReviewStatus.Submitted || outcome is not (PreReviewStatus.Confirmed or PreReviewStatus.Corrected or PreReviewStatus.Rejected))
        {
            throw new InvalidOperationException($"Pre-review {Number} cannot go from {Status} to {outcome}.");
        }

        if (outcome != PreReviewStatus.Confirmed && string.IsNullOrWhiteSpace(note))
        {
            throw new InvalidOperationException($"A {outcome} pre-review needs a note.");
        }

        Status = outcome;
        ReviewedBy = humanAgentId;
        ReviewedAt = now;
        ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public void MarkPurged(DateTimeOffset now) => PurgedAt = now;
}
