using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>The Direct Line conversations of this node. Singleton.</summary>
public sealed class DirectLineConversations(IOptions<DirectLineOptions> options)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);

    public DirectLineConversation Start()
    {
        var conversation = new DirectLineConversation(Guid.NewGuid().ToString("N"), options.Value.ActivitiesKept);
        _conversations[conversation.Id] = conversation;
        return conversation;
    }

    /// <summary>
    /// The conversation a valid token names. After a restart the log is empty but the conversation (and the bot's memory
    /// of it, which lives in the database) continues under the same id.
    /// </summary>
    public DirectLineConversation GetOrResume(string id) =>
        _conversations.GetOrAdd(id, key => new DirectLineConversation(key, options.Value.ActivitiesKept));
}
