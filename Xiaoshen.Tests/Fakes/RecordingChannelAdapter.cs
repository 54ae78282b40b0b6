using System.Collections.Concurrent;
using Xiaoshen.Bot.Channels;

namespace Xiaoshen.Tests.Fakes;

/// <summary>Stands in for a channel that can push messages (the emulator cannot): records what the person would receive.</summary>
public sealed class RecordingChannelAdapter(string channel = "emulator") : IChannelAdapter
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
    /// The first text delivered to the conversation that contains <paramref name="fragment"/>, once it is delivered: the
    /// handoff monitor may be the one delivering it, on its own thread, when a fake clock moves past its interval.
    /// </summary>
    public async Task<string> WaitForAsync(string conversationId, string fragment)
    {
        for (var waited = 0; waited < 30_000; waited += 20)
        {
            if (To(conversationId).FirstOrDefault(t => t.Contains(fragment, StringComparison.Ordinal)) is { } text)
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
