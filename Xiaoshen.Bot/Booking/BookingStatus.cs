namespace Xiaoshen.Bot.Booking;

/// <summary>Where a booking is.</summary>
public enum BookingStatus
{
    /// <summary>Booked and not yet come.</summary>
    Booked,

    /// <summary>The person arrived and was signed in.</summary>
    CheckedIn,

    /// <summary>The help was given.</summary>
    Done,

    /// <summary>The person did not come.</summary>
    NoShow,

    /// <summary>Cancelled (or moved) by the person.</summary>
    Cancelled,
}
