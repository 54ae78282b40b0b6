using System.Collections.Concurrent;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// The limit counter of one node, on the service's clock. Beyond <see cref="PruneAbove"/> keys, those whose counts and
/// locks have run out are dropped, so memory follows the clients of the last window, not all that ever came. Singleton.
/// </summary>
public sealed class InMemoryLimitCounter(TimeProvider time) : ILimitCounter
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<WindowCount> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = EntryOf(key, now);
        lock (entry)
        {
            if (entry.Expires <= now)
            {
                entry.Count = 0;
                entry.Expires = now + window;
            }

            entry.Count++;
            return Task.FromResult(new WindowCount(entry.Count, entry.Expires - now));
        }
    }

    public Task<TimeSpan?> LockedForAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Task.FromResult(_entries.TryGetValue(key, out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : (TimeSpan?)null);
    }

    public Task<TimeSpan?> FailAsync(string key, int limit, TimeSpan lockFor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = EntryOf(key, now);
        lock (entry)
        {
            entry.Count = entry.Expires <= now ? 1 : entry.Count + 1;
            entry.Expires = now + lockFor;
            if (entry.Count < limit)
            {
                return Task.FromResult<TimeSpan?>(null);
            }

            entry.Count = 0;
            entry.LockedUntil = now + lockFor;
            return Task.FromResult<TimeSpan?>(lockFor);
        }
    }

    public Task ClearFailuresAsync(string key, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            lock (entry)
            {
                entry.Count = 0;
                entry.Expires = DateTimeOffset.MinValue;
            }
        }

        return Task.CompletedTask;
    }

    private Entry EntryOf(string key, DateTimeOffset now)
    {
        if (_entries.Count > PruneAbove)
        {
            foreach (var (staleKey, stale) in _entries.Where(e => e.Value.Expires <= now && e.Value.LockedUntil <= now))
            {
                _entries.TryRemove(KeyValuePair.Create(staleKey, stale));
            }
        }

        return _entries.GetOrAdd(key, _ => new Entry());
    }

    private sealed class Entry
    {
        public long Count { get; set; }

        // When the count is forgotten: the window's end, or the last failure plus the lockout.
        public DateTimeOffset Expires { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
