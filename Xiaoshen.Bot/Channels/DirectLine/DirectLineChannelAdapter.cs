using Xiaoshen.Bot.Channels.BotFramework;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>Delivers messages outside a turn (a human agent's replies) to a web chat: appended to the Direct Line log, pushed to open streams.</summary>
public sealed class DirectLineChannelAdapter(DirectLineConversations conversations, DirectLineBridge bridge) : IChannelAdapter
{
    public bool Serves(string channel) => channel == DirectLineBridge.ChannelId;

    public async Task<DeliveryResult> DeliverAsync(ChannelAddress address, IReadOnlyList<OutboundReply> replies, CancellationToken cancellationToken)
    {
        // An agent's reply is delivered even when memory is at its conversation limit: it must not be lost.
        var conversation = (await conversations.GetOrResumeAsync(address.ConversationId, cancellationToken, evenIfFull: true))!;
        foreach (var reply in replies)
        {
            await bridge.AppendAsync(conversation, [ActivityMapping.ToActivity(reply)], address.UserId ?? string.Empty, reply.SenderName, reply.SenderDepartment);
        }

        return DeliveryResult.Ok;
    }
}
