using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// Sends an event to a person's web chat outside a turn (who is serving them, a video call's signalling): appended to
/// the Direct Line log like an agent's message and pushed to open streams. Web Chat does not show events; Xiaoshen's page
/// acts on them. Singleton.
/// </summary>
public sealed class DirectLineEventSender(DirectLineConversations conversations, DirectLineBridge bridge)
{
    /// <summary>Appends event <paramref name="name"/> with <paramref name="valueJson"/> (a JSON object) to the conversation.</summary>
    public async Task SendAsync(string conversationId, string? userId, string name, string valueJson, CancellationToken cancellationToken)
    {
        // Like an agent's reply, it is delivered even when memory is at its conversation limit.
        var conversation = (await conversations.GetOrResumeAsync(conversationId, cancellationToken, evenIfFull: true))!;
        var activity = new Activity(ActivityTypes.Event) { Name = name, Value = JToken.Parse(valueJson) };
        await bridge.AppendAsync(conversation, [activity], userId ?? string.Empty);
    }
}
