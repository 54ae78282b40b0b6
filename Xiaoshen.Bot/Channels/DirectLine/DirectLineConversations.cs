using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line conversations of this node. Every activity is also stored in the database before streams see it,
/// so after a restart a page that reconnects sees its whole conversation again. What is stored is masked of personal
/// numbers (the column is marked so); the person's own stream and this node's memory keep what they typed, so their
/// window shows it as they wrote it until they reload after the window is gone from memory. Singleton.
/// </summary>
public sealed class DirectLineConversations(IOptions<DirectLineOptions> options, StorageWriter writer, IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);

    public DirectLineConversation Start()
    {
        var conversation = Create(Guid.NewGuid().ToString("N"));
        _conversations[conversation.Id] = conversation;
        return conversation;
    }

    /// <summary>The conversation a valid token names, with its stored log after a restart.</summary>
    public DirectLineConversation GetOrResume(string id)
    {
        if (_conversations.TryGetValue(id, out var known))
        {
            return known;
        }

        var conversation = _conversations.GetOrAdd(id, Create);
        conversation.Restore(Load(id));
        return conversation;
    }

    private DirectLineConversation Create(string id) => new(id, options.Value.ActivitiesKept, Persist);

    private Task Persist(DirectLineConversation conversation, int firstSequence, IReadOnlyList<JObject> activities)
    {
        var at = time.GetUtcNow();
        var records = activities.Select((a, i) => new DirectLineActivityRecord
        {
            ConversationId = conversation.Id,
            Sequence = firstSequence + i,
            Json = a.ToString(Formatting.None),
            At = at,
        }).ToList();
        writer.Enqueue(db => db.DirectLineActivities.AddRange(records));
        return writer.FlushAsync();
    }

    private List<(int Sequence, JObject Activity)> Load(string id)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return db.DirectLineActivities.AsNoTracking()
            .Where(a => a.ConversationId == id)
            .OrderByDescending(a => a.Sequence)
            .Take(options.Value.ActivitiesKept)
            .AsEnumerable()
            .Select(a => (a.Sequence, JObject.Parse(a.Json)))
            .ToList();
    }
}
