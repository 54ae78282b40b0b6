namespace Xiaoshen.Bot.Booking;

/// <summary>Whether a day can be booked, and why not.</summary>
public enum DayCheck
{
    Bookable,

    /// <summary>An ordinary Saturday or Sunday.</summary>
    Weekend,

    /// <summary>A statutory holiday (including the weekends it takes).</summary>
    Holiday,

    /// <summary>Fewer working days ahead than the rules ask (or in the past).</summary>
    TooSoon,

    /// <summary>More working days ahead than the rules allow.</summary>
    TooLate,
}
