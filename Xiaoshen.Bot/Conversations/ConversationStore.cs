using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Conversations;

/// <summary>Loads and saves conversations, turns and feedback. Scoped: one per turn.</summary>
public sealed class ConversationStore(XiaoshenDbContext db)
{
    /// <summary>The conversation for a channel conversation id, started if new (turns are not loaded).</summary>
    public async Task<Conversation> GetOrStartAsync(string channel, string channelConversationId, string? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations
            .FirstOrDefaultAsync(c => c.Channel == channel && c.ChannelConversationId == channelConversationId, cancellationToken);
        if (conversation is null)
        {
            conversation = Conversation.Start(channel, channelConversationId, userId, now);
            db.Conversations.Add(conversation);
        }

        return conversation;
    }

    /// <summary>Appends a turn to the transcript.</summary>
    public Turn Append(Conversation conversation, Turn turn)
    {
        conversation.Add(turn);
        db.Turns.Add(turn);
        return turn;
    }

    public Task<Turn?> FindTurnAsync(Guid id, CancellationToken cancellationToken) =>
        db.Turns.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public void Add(Feedback feedback) => db.Feedback.Add(feedback);

    /// <summary>The whole transcript, oldest first.</summary>
    public Task<List<Turn>> TranscriptAsync(Guid conversationId, CancellationToken cancellationToken) =>
        db.Turns.Where(t => t.ConversationId == conversationId).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
