namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Counts call-back messages per conversation and per address over the last 24 hours, on this node. Memory stays
/// bounded: counts older than the window are dropped. Thread-safe.
/// </summary>
internal sealed class TicketQuota(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private const int SweepEvery = 1000;

    private readonly object _gate = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _taken = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>True when every key is under its limit.</summary>
    public bool Allows(IEnumerable<(string Key, int Limit)> keys)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            return keys.All(k => Recent(k.Key, now) < k.Limit);
        }
    }

    /// <summary>True, and counted against every key, when every key is under its limit.</summary>
    public bool TryTake(IReadOnlyList<(string Key, int Limit)> keys)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!keys.All(k => Recent(k.Key, now) < k.Limit))
            {
                return false;
            }

            foreach (var (key, _) in keys)
            {
                (_taken.TryGetValue(key, out var list) ? list : _taken[key] = []).Add(now);
            }

            if (++_sinceSweep >= SweepEvery)
            {
                _sinceSweep = 0;
                foreach (var key in _taken.Keys.Where(k => Recent(k, now) == 0).ToList())
                {
                    _taken.Remove(key);
                }
            }

            return true;
        }
    }

    /// <summary>Undoes a <see cref="TryTake"/> whose message could not be stored.</summary>
    public void GiveBack(IReadOnlyList<(string Key, int Limit)> keys)
    {
        lock (_gate)
        {
            foreach (var (key, _) in keys)
            {
                if (_taken.TryGetValue(key, out var list) && list.Count > 0)
                {
                    list.RemoveAt(list.Count - 1);
                }
            }
        }
    }

    private int Recent(string key, DateTimeOffset now)
    {
        if (!_taken.TryGetValue(key, out var list))
        {
            return 0;
        }

        list.RemoveAll(at => now - at >= Window);
        return list.Count;
    }
}
