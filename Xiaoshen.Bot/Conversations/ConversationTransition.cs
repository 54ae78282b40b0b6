namespace Xiaoshen.Bot.Conversations;

/// <summary>A change of who answers a conversation, kept for reports and audits.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why, as a short code (requested, assigned, transferred, agent-disconnected, cancelled, rated…).</param>
/// <param name="Actor">Who: a human agent id, <c>person</c>, <c>bot</c> or <c>system</c>.</param>
public sealed record ConversationTransition(Guid Id, Guid ConversationId, ConversationStatus From, ConversationStatus To, DateTimeOffset At, string Reason, string Actor);
