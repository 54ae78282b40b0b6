namespace Xiaoshen.Bot.Booking;

/// <summary>How a staff member's mark on a booking went; every outcome but <see cref="Marked"/> changed nothing.</summary>
public enum MarkOutcome
{
    /// <summary>The mark was recorded.</summary>
    Marked,

    /// <summary>No such booking.</summary>
    Unknown,

    /// <summary>The person cancelled (or moved) the booking.</summary>
    Cancelled,

    /// <summary>签到 or 未到场 before the booking's day.</summary>
    NotItsDayYet,

    /// <summary>签到 after the booking's day (未到场 is still possible).</summary>
    DayPassed,

    /// <summary>办结 of a booking nobody checked in.</summary>
    NotCheckedIn,

    /// <summary>The booking is already past that step (marked before, perhaps by a colleague a moment ago).</summary>
    AlreadyMarked,
}
