namespace Xiaoshen.Bot.Handoff;

/// <summary>Why no ticket was stored.</summary>
public enum TicketRefusal
{
    None,

    /// <summary>The conversation or the address has left as many messages as allowed today.</summary>
    TooMany,

    /// <summary>The database did not take it; nothing was told, the person may confirm again.</summary>
    NotStored,
}
