using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>
/// Bot Framework state (<c>ConversationState</c>) in the same database as the transcripts, as JSON documents. On one
/// node active conversations' state is also kept in memory, so reads rarely reach the database; with several nodes
/// (<c>Redis:Configuration</c>) a person's next message may reach another node, so every read is one lookup by key in
/// the database, the one record of the state. Writing state is the last write of
/// every turn on every channel, so it is where a turn commits: <see cref="WriteAsync"/> returns, as
/// <see cref="IStorage"/> promises, once the state is stored, and the <see cref="StorageWriter"/> stores in order, so
/// everything the turn queued before it (its transcript, conversation, handoff records) is stored too. Channels write
/// state before they send the answer. The web chat defers that wait (<see cref="StorageWriter.DeferFlushes"/>): its
/// state is only committed here, and the answer's own durable append puts both on disk. Singleton.
/// </summary>
public sealed class EfBotStorage(IServiceScopeFactory scopes, StorageWriter writer, IMemoryCache cache, IOptions<RedisOptions> redis, TimeProvider time) : IStorage
{
    private static readonly JsonSerializerSettings Settings = new() { TypeNameHandling = TypeNameHandling.None, NullValueHandling = NullValueHandling.Ignore };
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, object>();
        var missing = new List<string>();
        foreach (var key in keys)
        {
            if (!redis.Value.IsConfigured && cache.TryGetValue(CacheKey(key), out string? json))
            {
                if (json is not null)
                {
                    result[key] = JObject.Parse(json);
                }
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            var records = await db.BotStates.AsNoTracking().Where(s => missing.Contains(s.Key)).ToListAsync(cancellationToken);
            foreach (var record in records)
            {
                result[record.Key] = JObject.Parse(record.Json);
                cache.Set(CacheKey(record.Key), record.Json, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
            }
        }

        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            var json = JsonConvert.SerializeObject(value, Settings);
            var at = time.GetUtcNow();
            cache.Set(CacheKey(key), json, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
            writer.Enqueue(db => Store(db, new BotStateRecord { Key = key, Json = json, ETag = Guid.NewGuid().ToString("N"), UpdatedAt = at }));
        }

        await writer.FlushUnlessDeferredAsync(cancellationToken);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            // Remember the deletion, so a read before the writer runs does not bring the old state back.
            cache.Set<string?>(CacheKey(key), null, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
            writer.Enqueue(db => db.BotStates.Where(s => s.Key == key).ExecuteDelete());
        }

        return Task.CompletedTask;
    }

    // One statement where a lookup and then an insert or update were two, on the writer's one thread, for every turn.
    // Run at once, like the deletion, so a key's writes and deletions keep their order within a batch.
    private static void Store(XiaoshenDbContext db, BotStateRecord record)
    {
        db.Database.ExecuteSql($"""
            INSERT INTO "BotStates" ("Key", "Json", "ETag", "UpdatedAt") VALUES ({record.Key}, {record.Json}, {record.ETag}, {RowInserts.Column<BotStateRecord>(db, nameof(BotStateRecord.UpdatedAt), record.UpdatedAt)})
            ON CONFLICT ("Key") DO UPDATE SET "Json" = excluded."Json", "ETag" = excluded."ETag", "UpdatedAt" = excluded."UpdatedAt"
            """);
    }

    private static string CacheKey(string key) => "botstate:" + key;
}
