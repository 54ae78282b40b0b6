using System.Collections.Concurrent;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Stores 好差评 ratings, of a human service (on its <see cref="HandoffSession"/>) or of 小申 (<see cref="BotRating"/>), and
/// the comment the person may send next. A bad rating opens a 整改 work order for the department that served: the
/// session's department, or for 小申 the department of the matter talked about. Singleton.
/// </summary>
public sealed class ServiceRatings(StorageWriter writer, RectificationOrders orders, HandoffAvailability availability, TimeProvider time)
{
    /// <summary>How long after rating a message is still taken as its comment.</summary>
    public static readonly TimeSpan CommentWindow = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<Guid, Awaiting> _awaitingComment = new();

    /// <summary>Rates a human session once; false when it was rated already.</summary>
    public bool RateSession(HandoffSession session, ServiceRating rating, string? comment)
    {
        var now = time.GetUtcNow();
        if (!session.Rate(rating, comment, now))
        {
            return false;
        }

        writer.Upsert(session, s => s.Id == session.Id);
        var order = rating.IsBad()
            ? orders.Open(session.ConversationId, session.Channel, session.Id, session.DepartmentId, session.MatterId, session.HumanAgentId, rating, comment)
            : null;
        Await(session.ConversationId, rating, comment, new Awaiting(now, session.Commented, order, () => writer.Upsert(session, s => s.Id == session.Id)));
        return true;
    }

    /// <summary>Rates 小申 for this conversation (the caller keeps it to once per conversation).</summary>
    public void RateBot(Conversation conversation, string? matterId, ServiceRating rating, string? comment)
    {
        var now = time.GetUtcNow();
        var record = BotRating.Of(conversation.Id, conversation.Channel, matterId, rating, comment, now);
        writer.Enqueue(db => db.BotRatings.Add(record));
        var order = rating.IsBad()
            ? orders.Open(conversation.Id, conversation.Channel, null, availability.DepartmentFor(matterId).Id, matterId, null, rating, comment)
            : null;
        Await(conversation.Id, rating, comment, new Awaiting(now, record.Commented, order, () => writer.Upsert(record, r => r.Id == record.Id)));
    }

    /// <summary>
    /// The message after a bad rating given without a comment: kept as its comment (masked), or declined with one of
    /// <paramref name="skipWords"/>. Anything later, or with no rating waiting, is <see cref="CommentResult.None"/>.
    /// </summary>
    public CommentResult Comment(Guid conversationId, string text, IReadOnlyCollection<string> skipWords)
    {
        if (!_awaitingComment.TryRemove(conversationId, out var awaiting) || time.GetUtcNow() - awaiting.Since > CommentWindow)
        {
            return CommentResult.None;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 || skipWords.Contains(trimmed))
        {
            return CommentResult.Skipped;
        }

        var comment = PersonalData.Mask(trimmed.Length > 1000 ? trimmed[..999] + "…" : trimmed);
        awaiting.Apply(comment);
        awaiting.Save();
        if (awaiting.Order is { } order)
        {
            orders.Commented(order, comment);
        }

        return CommentResult.Commented;
    }

    // Only a bad rating given without a comment is asked what went wrong; after any other, the next message is a question.
    private void Await(Guid conversationId, ServiceRating rating, string? comment, Awaiting awaiting)
    {
        if (comment is null && rating.IsBad())
        {
            _awaitingComment[conversationId] = awaiting;
        }
        else
        {
            _awaitingComment.TryRemove(conversationId, out _);
        }

        // Nobody comments on a rating given hours ago: forget those, so the map stays small.
        foreach (var (id, old) in _awaitingComment)
        {
            if (awaiting.Since - old.Since > CommentWindow)
            {
                _awaitingComment.TryRemove(id, out _);
            }
        }
    }

    private sealed record Awaiting(DateTimeOffset Since, Action<string> Apply, RectificationOrder? Order, Action Save);
}
