using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>A message left outside working hours (留言): the department calls the person back on its next working day.</summary>
public sealed class CallbackTicket
{
    private CallbackTicket()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The number told to the person: the day and its counter (LY-20261127-0042).</summary>
    public string Number { get; private set; } = string.Empty;

    public Guid ConversationId { get; private set; }

    public string DepartmentId { get; private set; } = string.Empty;

    public string? MatterId { get; private set; }

    /// <summary>The question, personal numbers masked.</summary>
    public string Question { get; private set; } = string.Empty;

    /// <summary>
    /// The call-back number: kept in full while the ticket is open, because the agent has to dial it, and masked once it
    /// is resolved (138****5678), as it is everywhere else.
    /// </summary>
    public string Phone { get; private set; } = string.Empty;

    /// <summary>When the person would like the call, as they said it (masked) and as understood (e.g. "明天上午（11月28日 周六）").</summary>
    public string PreferredTime { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The promise: the end of the department's next working day.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public TicketStatus Status { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The day (Beijing time) whose counter numbers a ticket created at <paramref name="now"/>: <c>yyyyMMdd</c>.</summary>
    public static string Day(DateTimeOffset now) => now.ToOffset(WorkingCalendar.Offset).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new open ticket; <paramref name="counter"/> is the day's number for it, from <see cref="TicketCounter"/>.</summary>
    public static CallbackTicket Create(int counter, Guid conversationId, string departmentId, string? matterId, string question, string phone, string preferredTime, DateTimeOffset now, DateTimeOffset due) =>
        new()
        {
            Id = Guid.NewGuid(),
            Number = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"LY-{Day(now)}-{counter:D4}"),
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

        // issue 11: nobody needs the number in clear once the matter is settled.
        if (status == TicketStatus.Resolved)
        {
            Phone = PersonalData.MaskPhone(Phone);
        }
    }

    public bool IsOverdue(DateTimeOffset now) => Status == TicketStatus.Open && now > DueAt;
}
