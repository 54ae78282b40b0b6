using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>
/// Bot Framework state (<c>ConversationState</c>) in the same database as the transcripts, as JSON documents, so a restart
/// loses no conversation. Singleton; each call uses its own short-lived DbContext.
/// </summary>
public sealed class EfBotStorage(IServiceScopeFactory scopes, TimeProvider time) : IStorage
{
    private static readonly JsonSerializerSettings Settings = new() { TypeNameHandling = TypeNameHandling.None, NullValueHandling = NullValueHandling.Ignore };

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var records = await db.BotStates.AsNoTracking().Where(s => keys.Contains(s.Key)).ToListAsync(cancellationToken);
        return records.ToDictionary(r => r.Key, r => (object)JObject.Parse(r.Json));
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var keys = changes.Keys.ToArray();
        var existing = await db.BotStates.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var (key, value) in changes)
        {
            if (!existing.TryGetValue(key, out var record))
            {
                record = new BotStateRecord { Key = key };
                db.BotStates.Add(record);
            }

            record.Json = JsonConvert.SerializeObject(value, Settings);
            record.ETag = Guid.NewGuid().ToString("N");
            record.UpdatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        await db.BotStates.Where(s => keys.Contains(s.Key)).ExecuteDeleteAsync(cancellationToken);
    }
}
