namespace Xiaoshen.Bot.Channels;

/// <summary>
/// What a channel offers besides answering a turn: delivering messages nobody asked for in that turn, such as a human
/// agent's replies during a handoff or a queue notice. One per channel; the handoff finds it by the conversation's channel.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>True when this adapter delivers to conversations of <paramref name="channel"/> (webchat, directline, wechat…).</summary>
    bool Serves(string channel);

    /// <summary>Sends <paramref name="replies"/> to the person at <paramref name="address"/>, in order.</summary>
    Task<DeliveryResult> DeliverAsync(ChannelAddress address, IReadOnlyList<OutboundReply> replies, CancellationToken cancellationToken);
}
