namespace Xiaoshen.Bot.Handoff;

/// <summary>A message left outside working hours (留言): the department calls the person back on its next working day.</summary>
public sealed class CallbackTicket
{
    private CallbackTicket()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The number told to the person (e.g. LY-20261127-3F9A).</summary>
    public string Number { get; private set; } = string.Empty;

    public Guid ConversationId { get; private set; }

    public string DepartmentId { get; private set; } = string.Empty;

    public string? MatterId { get; private set; }

    /// <summary>The question, personal numbers masked.</summary>
    public string Question { get; private set; } = string.Empty;

    /// <summary>The call-back number: kept in full, because the agent has to dial it; shown masked everywhere else.</summary>
    public string Phone { get; private set; } = string.Empty;

    /// <summary>When the person would like the call, as they said it and as understood (e.g. "明天上午 (2026-11-27 上午)").</summary>
    public string PreferredTime { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The promise: the end of the department's next working day.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public TicketStatus Status { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    public string? Note { get; private set; }

    public static CallbackTicket Create(Guid conversationId, string departmentId, string? matterId, string question, string phone, string preferredTime, DateTimeOffset now, DateTimeOffset due)
    {
        var id = Guid.NewGuid();
        return new CallbackTicket
        {
            Id = id,
            Number = $"LY-{now.ToOffset(WorkingCalendar.Offset):yyyyMMdd}-{id.ToString("N")[..4].ToUpperInvariant()}",
            ConversationId = conversationId,
            DepartmentId = departmentId,
            MatterId = matterId,
            Question = question,
            Phone = phone,
            PreferredTime = preferredTime,
            CreatedAt = now,
            DueAt = due,
            Status = TicketStatus.Open,
        };
    }

    /// <summary>An agent records the call or the solution; a ticket never goes back to open.</summary>
    public void Mark(TicketStatus status, string humanAgentId, string? note, DateTimeOffset now)
    {
        if (status == TicketStatus.Open || Status == TicketStatus.Resolved)
        {
            throw new InvalidOperationException($"Ticket {Number} cannot go from {Status} to {status}.");
        }

        Status = status;
        HandledBy = humanAgentId;
        HandledAt = now;
        Note = note;
    }

    public bool IsOverdue(DateTimeOffset now) => Status == TicketStatus.Open && now > DueAt;
}
