using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// A conversation in human hands as this node holds it, with what only this node knows about it. Read and changed under
/// <see cref="HandoffCopies.Gate"/>.
/// </summary>
internal sealed class HandoffCopy(Conversation conversation, HandoffSession session, Routing routing, long order)
{
    public Conversation Conversation { get; } = conversation;

    /// <summary>The place among conversations queued at the same instant.</summary>
    public long Order { get; } = order;

    /// <summary>The row as this node last stored or read it, with this node's changes since (written behind).</summary>
    public HandoffSession Session { get; private set; } = session;

    /// <summary>The row's <see cref="HandoffSession.Version"/> in the database as this node last knew it.</summary>
    public long Stored { get; set; } = session.Version;

    public Routing Routing { get; } = routing;

    /// <summary>A change stored in the database (<see cref="HandoffClaims.StoreAsync"/>) becomes this copy's row.</summary>
    public void Took(HandoffSession stored)
    {
        Session = stored;
        Stored = stored.Version;
    }
}
