using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>Sends messages outside a turn to the person, through the adapter of the channel they came from.</summary>
public sealed partial class ChannelDelivery(IEnumerable<IChannelAdapter> adapters, StorageWriter writer, IOptionsMonitor<HandoffMessages> messages, ILogger<ChannelDelivery> logger)
{
    /// <summary>
    /// Delivers <paramref name="replies"/> once what was queued before them (their turns) is committed, and returns once
    /// that is on disk too: whoever sent them is told they are sent only when they cannot be lost.
    /// </summary>
    public async Task<DeliveryResult> DeliverAsync(Conversation conversation, IReadOnlyList<OutboundReply> replies, CancellationToken cancellationToken)
    {
        await writer.CommittedAsync(cancellationToken);
        var adapter = adapters.FirstOrDefault(a => a.Serves(conversation.Channel));
        if (adapter is null)
        {
            LogNoAdapter(conversation.Id, conversation.Channel);
            return DeliveryResult.Failed(messages.CurrentValue.ChannelCannotDeliver);
        }

        var result = await adapter.DeliverAsync(new ChannelAddress(conversation.Channel, conversation.ChannelConversationId, conversation.UserId), replies, cancellationToken);
        if (!result.Delivered)
        {
            LogNotDelivered(conversation.Id, conversation.Channel);
        }

        await writer.FlushAsync(cancellationToken);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: channel {Channel} cannot deliver messages outside a turn")]
    private partial void LogNoAdapter(Guid conversationId, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: a message could not be delivered on {Channel}")]
    private partial void LogNotDelivered(Guid conversationId, string channel);
}
