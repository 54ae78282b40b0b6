namespace Xiaoshen.Bot.Booking;

/// <summary>What happened to a booking asked for.</summary>
public enum BookOutcome
{
    Booked,

    /// <summary>The day is outside the rules (not a working day, too soon, too far).</summary>
    DayNotBookable,

    /// <summary>No place left in that half day (someone may have taken the last one a moment ago).</summary>
    Full,

    /// <summary>The person already holds the open bookings allowed for the matter.</summary>
    AlreadyBooked,

    /// <summary>The person may not book online for now (repeated no-shows).</summary>
    Restricted,
}

/// <summary>The outcome and, when booked, the booking.</summary>
public sealed record BookResult(BookOutcome Outcome, CentreBooking? Booking = null);
