using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Booking;

/// <summary>
/// How many bookings hold one slot (a centre's half day, regular or with a leader). A booking takes a place with one
/// conditional update of this row (booked &lt; capacity) in its transaction, so two people never both get the last place.
/// </summary>
public sealed class SlotCount
{
    private SlotCount()
    {
    }

    public string CentreId { get; private set; } = string.Empty;

    public DateOnly Date { get; private set; }

    public HalfDay Half { get; private set; }

    /// <summary>The leader's name for a leader slot; empty for the regular one.</summary>
    public string Leader { get; private set; } = string.Empty;

    public int Booked { get; private set; }

    public static SlotCount Empty(string centreId, DateOnly date, HalfDay half, string leader) =>
        new() { CentreId = centreId, Date = date, Half = half, Leader = leader };
}
