namespace Xiaoshen.Bot.Handoff;

/// <summary>A ticket stored, or why not.</summary>
public sealed record TicketCreation(CallbackTicket? Ticket, TicketRefusal Refusal);
