using System.Collections.Concurrent;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Channels.BotFramework;

namespace Xiaoshen.Tests.Fakes;

/// <summary>
/// Stands in for a channel that can push messages (the emulator cannot): records what the person would receive. By
/// default it serves the Emulator's conversations, stored as <c>bf.emulator</c> (Bot Framework channels are namespaced).
/// </summary>
public sealed class RecordingChannelAdapter(string channel = BotChannels.Prefix + "emulator") : IChannelAdapter
{
    private readonly ConcurrentQueue<(ChannelAddress Address, OutboundReply Reply)> _delivered = new();

    public IReadOnlyList<(ChannelAddress Address, OutboundReply Reply)> Delivered => [.. _delivered];

    public bool Serves(string channelId) => channelId == channel;

    public Task<DeliveryResult> DeliverAsync(ChannelAddress address, IReadOnlyList<OutboundReply> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            _delivered.Enqueue((address, reply));
        }

        return Task.FromResult(DeliveryResult.Ok);
    }

    /// <summary>Texts delivered to one conversation, oldest first.</summary>
    public IReadOnlyList<string> To(string conversationId) => Delivered.Where(d => d.Address.ConversationId == conversationId).Select(d => d.Reply.Text).ToList();
}
