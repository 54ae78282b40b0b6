using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>
/// Channel ids as Xiaoshen stores them. Activities from <c>POST /api/messages</c> are the Bot Framework's channels
/// (Azure Bot Service, the Emulator) and are stored under <see cref="Prefix"/>: <c>bf.directline</c> is Azure's Direct
/// Line, never Xiaoshen's own (<c>directline</c>). Conversations, bot state and delivery are all keyed by the stored
/// id, so a caller of /api/messages cannot reach a web chat or WeChat conversation whatever ids it sends (issue 11).
/// Only the in-process Direct Line adapter marks its turns as its own channel.
/// </summary>
internal static partial class BotChannels
{
    public const string Prefix = "bf.";

    /// <summary>Longest channel conversation id kept (the column's length).</summary>
    public const int MaxConversationIdLength = 256;

    private const string OwnChannelKey = "Xiaoshen.OwnChannel";

    /// <summary>The turn comes from one of Xiaoshen's own channels, which authenticated the person itself.</summary>
    public static void MarkOwnChannel(ITurnContext turnContext) => turnContext.TurnState.Set(OwnChannelKey, turnContext.Activity.ChannelId);

    /// <summary>The channel id to store for this turn's conversation.</summary>
    public static string Of(ITurnContext turnContext) =>
        turnContext.TurnState.Get<string>(OwnChannelKey) ?? Prefix + turnContext.Activity.ChannelId;

    /// <summary>Why an activity's ids cannot be accepted, or null when they can.</summary>
    public static string? Problem(string? channelId, string? conversationId)
    {
        if (channelId is null || !ChannelIdPattern().IsMatch(channelId))
        {
            return "channelId must be 1 to 32 letters, digits, '-' or '_'.";
        }

        if (string.IsNullOrEmpty(conversationId) || conversationId.Length > MaxConversationIdLength || conversationId.Any(char.IsControl))
        {
            return $"conversation.id must be 1 to {MaxConversationIdLength} characters without control characters.";
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex ChannelIdPattern();
}
