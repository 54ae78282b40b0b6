namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The last call-back ticket number given on one day (Beijing time): incremented in the database, in the transaction
/// that stores the ticket, so two tickets never get the same number, on one node or several.
/// </summary>
public sealed class TicketCounter
{
    /// <summary>The day, <c>yyyyMMdd</c>.</summary>
    public string Day { get; set; } = string.Empty;

    public int Last { get; set; }
}
