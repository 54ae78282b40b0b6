namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// A 整改 work order opened by a bad rating (不满意, 非常不满意) for the department that served. Its timers follow
/// Shanghai's 1·5·15 practice on the working calendar: contact the person within 1 working day, fix a simple problem
/// within 5 and a complex one within 15, each due at the end of that working day (Beijing time). The transitions are
/// the rules; the service stores them.
/// </summary>
public sealed class RectificationOrder
{
    /// <summary>Working days to contact the person.</summary>
    public const int ContactDays = 1;

    /// <summary>Working days to fix a simple problem.</summary>
    public const int SimpleFixDays = 5;

    /// <summary>Working days to fix a complex problem.</summary>
    public const int ComplexFixDays = 15;

    private RectificationOrder()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The number shown to staff (ZG-20261127-1a2b3c).</summary>
    public string Number { get; private set; } = string.Empty;

    public Guid ConversationId { get; private set; }

    /// <summary>The rated human session; null when the rating was of 小申.</summary>
    public Guid? SessionId { get; private set; }

    public string DepartmentId { get; private set; } = string.Empty;

    public string? MatterId { get; private set; }

    /// <summary>The agent who served; null for 小申.</summary>
    public string? HumanAgentId { get; private set; }

    public ServiceRating Rating { get; private set; }

    /// <summary>The person's comment with the rating (masked).</summary>
    public string? Comment { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ContactDueAt { get; private set; }

    /// <summary>Due for a simple problem until marked complex.</summary>
    public DateTimeOffset FixDueAt { get; private set; }

    public bool IsComplex { get; private set; }

    public RectificationStatus Status { get; private set; }

    /// <summary>What was fixed, or why the rating is appealed.</summary>
    public string? Note { get; private set; }

    public string? UpdatedBy { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>A new order; <paramref name="workingDays"/> gives the end of the n-th working day after a moment.</summary>
    public static RectificationOrder Open(Guid conversationId, Guid? sessionId, string departmentId, string? matterId, string? humanAgentId, ServiceRating rating, string? comment, DateTimeOffset now, Func<DateTimeOffset, int, DateTimeOffset> workingDays)
    {
        if (!rating.IsBad())
        {
            throw new ArgumentException($"A {rating} rating opens no work order.", nameof(rating));
        }

        var id = Guid.NewGuid();
        return new RectificationOrder
        {
            Id = id,
            Number = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ZG-{CallbackTicket.Day(now)}-{id.ToString("N")[..6]}"),
            ConversationId = conversationId,
            SessionId = sessionId,
            DepartmentId = departmentId,
            MatterId = matterId,
            HumanAgentId = humanAgentId,
            Rating = rating,
            Comment = comment,
            CreatedAt = now,
            ContactDueAt = workingDays(now, ContactDays),
            FixDueAt = workingDays(now, SimpleFixDays),
            Status = RectificationStatus.AwaitingContact,
        };
    }

    /// <summary>A comment the person added after rating.</summary>
    public void Commented(string comment) => Comment ??= comment;

    /// <summary>What may follow the current status.</summary>
    public IReadOnlyList<RectificationStatus> Next => Status switch
    {
        RectificationStatus.AwaitingContact => [RectificationStatus.Contacted],
        RectificationStatus.Contacted => [RectificationStatus.Rectifying, RectificationStatus.Appealed],
        RectificationStatus.Rectifying => [RectificationStatus.Rectified, RectificationStatus.Appealed],
        RectificationStatus.Rectified or RectificationStatus.Appealed => [RectificationStatus.Closed],
        _ => [],
    };

    /// <summary>
    /// Moves the order on; false when <paramref name="to"/> does not follow the current status, or the note it needs is
    /// missing (the follow-up's result on contact, the reason of an appeal). Starting a complex fix moves the fix timer
    /// to 15 working days after the rating.
    /// </summary>
    public bool MoveTo(RectificationStatus to, string humanAgentId, string? note, bool complex, DateTimeOffset now, Func<DateTimeOffset, int, DateTimeOffset> workingDays)
    {
        var needsNote = to is RectificationStatus.Contacted or RectificationStatus.Appealed;
        if (!Next.Contains(to) || (needsNote && string.IsNullOrWhiteSpace(note)))
        {
            return false;
        }

        if (to == RectificationStatus.Rectifying && complex)
        {
            IsComplex = true;
            FixDueAt = workingDays(CreatedAt, ComplexFixDays);
        }

        Status = to;
        Note = string.IsNullOrWhiteSpace(note) ? Note : note.Trim();
        UpdatedBy = humanAgentId;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Past a timer it has not met: not contacted within 1 working day, or not fixed (nor appealed) in time.</summary>
    public bool IsOverdue(DateTimeOffset now) => IsPastDue(Status, ContactDueAt, FixDueAt, now);

    /// <summary>The overdue rule on the stored columns alone (for counts that do not load whole orders).</summary>
    public static bool IsPastDue(RectificationStatus status, DateTimeOffset contactDueAt, DateTimeOffset fixDueAt, DateTimeOffset now) => status switch
    {
        RectificationStatus.AwaitingContact => now > contactDueAt,
        RectificationStatus.Contacted or RectificationStatus.Rectifying => now > fixDueAt,
        _ => false,
    };
}
