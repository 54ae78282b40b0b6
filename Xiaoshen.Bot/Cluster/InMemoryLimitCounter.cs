using System.Collections.Concurrent;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// The limit counter of one node, on the service's clock. Beyond <see cref="PruneAbove"/> keys, those whose counts and
/// locks have run out are dropped, so memory follows the clients of the last window, not all that ever came. Held
/// places need no lease here (a node's own streams end with it): one counts until it is released. Singleton.
/// </summary>
public sealed class InMemoryLimitCounter(TimeProvider time) : ILimitCounter
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _holdersGate = new();
    private readonly Dictionary<string, HashSet<string>> _holders = new(StringComparer.Ordinal);

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

    public Task<IReadOnlyList<TimeSpan?>> LockedForAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<TimeSpan?>>(
            keys.Select(key => _entries.TryGetValue(key, out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : (TimeSpan?)null).ToList());
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

    public Task<bool> TryHoldAsync(string holder, IReadOnlyList<HeldPlace> places, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_holdersGate)
        {
            if (places.Any(p => _holders.TryGetValue(p.Key, out var held) && !held.Contains(holder) && held.Count >= p.Limit))
            {
                return Task.FromResult(false);
            }

            foreach (var place in places)
            {
                if (!_holders.TryGetValue(place.Key, out var held))
                {
                    _holders[place.Key] = held = new HashSet<string>(StringComparer.Ordinal);
                }

                held.Add(holder);
            }

            return Task.FromResult(true);
        }
    }

    public Task RenewAsync(string holder, IReadOnlyList<string> keys, TimeSpan lease, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAsync(string holder, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        lock (_holdersGate)
        {
            foreach (var key in keys)
            {
                if (_holders.TryGetValue(key, out var held) && held.Remove(holder) && held.Count == 0)
                {
                    _holders.Remove(key);
                }
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
