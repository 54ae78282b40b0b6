using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>Limits on call-back messages (留言), so nobody can flood a department's tickets. Bound from <c>CallbackTickets</c>.</summary>
public sealed class CallbackTicketOptions
{
    public const string SectionName = "CallbackTickets";

    /// <summary>Messages one conversation may leave in 24 hours.</summary>
    [Range(1, 100)]
    public int MaxPerConversationPerDay { get; set; } = 3;

    /// <summary>
    /// Messages one network address may leave in 24 hours, on channels where people reach Xiaoshen directly (web chat).
    /// Behind a carrier NAT many people share an address, so keep this well above the per-conversation limit.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPerAddressPerDay { get; set; } = 30;
}
