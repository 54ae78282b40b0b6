namespace Xiaoshen.Bot.Channels;

/// <summary>Where a person is: the channel, the channel's conversation id and the channel's user id.</summary>
public sealed record ChannelAddress(string Channel, string ConversationId, string? UserId);
