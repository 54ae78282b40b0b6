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

    /// <summary>
    /// The <paramref name="count"/>th text delivered to the conversation that contains <paramref name="fragment"/>, once
    /// it is delivered: the handoff monitor may be the one delivering it, on its own thread, when a fake clock moves past
    /// its interval, and deliveries wait for their rows to be stored.
    /// </summary>
    public async Task<string> WaitForAsync(string conversationId, string fragment, int count = 1)
    {
        for (var waited = 0; waited < 30_000; waited += 20)
        {
            if (To(conversationId).Where(t => t.Contains(fragment, StringComparison.Ordinal)).Skip(count - 1).FirstOrDefault() is { } text)
            {
                return text;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Nothing containing \"{fragment}\" was delivered; delivered: {string.Join(" | ", To(conversationId))}");
    }

    /// <summary>Texts delivered to one conversation, oldest first.</summary>
    public IReadOnlyList<string> To(string conversationId) => Delivered.Where(d => d.Address.ConversationId == conversationId).Select(d => d.Reply.Text).ToList();
}
