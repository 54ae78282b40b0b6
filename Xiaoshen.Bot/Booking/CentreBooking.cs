using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Booking;

/// <summary>
/// A booking of in-person help (线下帮办) at a service centre for one half day, possibly with a named leader; checked in,
/// done or a no-show at the centre. The rules of its life are here.
/// </summary>
public sealed class CentreBooking
{
    private CentreBooking()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The code told to the person and shown at the centre (BB7K3Q9).</summary>
    public string Code { get; private set; } = string.Empty;

    public string CentreId { get; private set; } = string.Empty;

    public string MatterId { get; private set; } = string.Empty;

    public DateOnly Date { get; private set; }

    public HalfDay Half { get; private set; }

    /// <summary>The leader accompanying, for a leader slot; empty for a regular one (part of the slot's key).</summary>
    public string Leader { get; private set; } = string.Empty;

    public Guid ConversationId { get; private set; }

    public string Channel { get; private set; } = string.Empty;

    /// <summary>Who booked (the channel's user id); one person's bookings and no-shows are counted by it.</summary>
    public string PersonKey { get; private set; } = string.Empty;

    public BookingStatus Status { get; private set; }

    /// <summary>
    /// While the booking is open, its place among the person's open bookings of the matter (1 up to the rule's maximum);
    /// null once it is closed. Unique per person and matter in the database, so two bookings made at the same moment
    /// cannot both take the last allowed place.
    /// </summary>
    public int? OpenSeat { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    /// <summary>The staff member who marked the visit.</summary>
    public string? MarkedBy { get; private set; }

    /// <summary>When the day-before reminder was sent or given up on, and how it went.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    public string? ReminderResult { get; private set; }

    public bool IsOpen => Status is BookingStatus.Booked or BookingStatus.CheckedIn;

    public static CentreBooking Create(string centreId, string matterId, DateOnly date, HalfDay half, string? leader, Guid conversationId, string channel, string personKey, int openSeat, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        Code = NewCode(),
        CentreId = centreId,
        MatterId = matterId,
        Date = date,
        Half = half,
        Leader = leader ?? string.Empty,
        ConversationId = conversationId,
        Channel = channel,
        PersonKey = personKey,
        Status = BookingStatus.Booked,
        OpenSeat = openSeat,
        CreatedAt = now,
    };

    public void Cancel(DateTimeOffset now) => Move(BookingStatus.Booked, BookingStatus.Cancelled, null, now);

    /// <summary>
    /// Marks the visit as the desk saw it on <paramref name="today"/> (Beijing): 签到 only on the booking's day, 未到场 on or
    /// after it, 办结 only after 签到; a cancelled booking takes no mark. On a refusal nothing changes.
    /// </summary>
    public MarkOutcome Mark(BookingStatus to, string humanAgentId, DateOnly today, DateTimeOffset now)
    {
        var refusal = (Status, to) switch
        {
            (BookingStatus.Cancelled, _) => MarkOutcome.Cancelled,
            (BookingStatus.Booked, BookingStatus.CheckedIn or BookingStatus.NoShow) when Date > today => MarkOutcome.NotItsDayYet,
            (BookingStatus.Booked, BookingStatus.CheckedIn) when Date < today => MarkOutcome.DayPassed,
            (BookingStatus.Booked, BookingStatus.CheckedIn or BookingStatus.NoShow) => (MarkOutcome?)null,
            (BookingStatus.Booked, BookingStatus.Done) => MarkOutcome.NotCheckedIn,
            (BookingStatus.CheckedIn, BookingStatus.Done) => null,
            _ => MarkOutcome.AlreadyMarked,
        };
        if (refusal is { } refused)
        {
            return refused;
        }

        Move(Status, to, humanAgentId, now);
        return MarkOutcome.Marked;
    }

    public void Reminded(string result, DateTimeOffset now)
    {
        RemindedAt = now;
        ReminderResult = result;
    }

    private void Move(BookingStatus from, BookingStatus to, string? humanAgentId, DateTimeOffset now)
    {
        if (Status != from)
        {
            throw new InvalidOperationException($"Booking {Code} cannot go from {Status} to {to}.");
        }

        Status = to;
        OpenSeat = IsOpen ? OpenSeat : null;
        ChangedAt = now;
        MarkedBy = humanAgentId ?? MarkedBy;
    }

    // Seven characters without look-alikes (no 0/O, 1/I/L), easy to read out at a counter.
    private static string NewCode()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        Span<char> code = stackalloc char[7];
        code[0] = 'B';
        for (var i = 1; i < code.Length; i++)
        {
            code[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(code);
    }
}
