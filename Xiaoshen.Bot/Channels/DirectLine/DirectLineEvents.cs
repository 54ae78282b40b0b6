using System.Collections.Concurrent;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// Events a web chat posts that are not for the bot: a feature claims an event name at startup (the video call's
/// signalling, issue 15), and a posted event of that name goes to it alone. It is neither answered by Xiaoshen nor
/// kept in the conversation's log. Singleton, thread-safe.
/// </summary>
public sealed class DirectLineEvents
{
    private readonly ConcurrentDictionary<string, Func<DirectLineEvent, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);

    /// <summary>Sends events named <paramref name="name"/> to <paramref name="handler"/> from now on.</summary>
    public void Handle(string name, Func<DirectLineEvent, CancellationToken, Task> handler) => _handlers[name] = handler;

    /// <summary>The handler of events named <paramref name="name"/>, or null when nobody claimed it (the bot gets the event).</summary>
    public Func<DirectLineEvent, CancellationToken, Task>? Find(string? name) =>
        name is not null && _handlers.TryGetValue(name, out var handler) ? handler : null;
}

/// <summary>An event posted to a Direct Line conversation by its person.</summary>
/// <param name="ConversationId">The Direct Line conversation id.</param>
/// <param name="UserId">The token's user.</param>
/// <param name="ValueJson">The event's value as JSON text (bounded by the activity size limit).</param>
public sealed record DirectLineEvent(string ConversationId, string UserId, string ValueJson);
