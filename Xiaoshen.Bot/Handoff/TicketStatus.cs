namespace Xiaoshen.Bot.Handoff;

/// <summary>Where a call-back ticket stands.</summary>
public enum TicketStatus
{
    Open,
    CalledBack,
    Resolved,
}
