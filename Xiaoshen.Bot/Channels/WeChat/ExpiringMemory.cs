namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Keys remembered for a while, each with a value, and never more than a fixed number of them: when full, the oldest is
/// forgotten first. Bounded memory for what a replay check must recall on a single node (several share Redis instead).
/// Thread-safe.
/// </summary>
public sealed class ExpiringMemory(int capacity)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    // Insertion order; with one lifetime per memory and a clock that only moves forward, also the order of expiry.
    private readonly Queue<(string Key, DateTimeOffset Until)> _order = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Remembers <paramref name="key"/> with <paramref name="value"/> until <paramref name="now"/> + <paramref name="keep"/>
    /// unless it is remembered already. Returns the value remembered before, or null when the key was new.
    /// </summary>
    public string? Remember(string key, string value, DateTimeOffset now, TimeSpan keep)
    {
        lock (_gate)
        {
            while (_order.TryPeek(out var oldest) && oldest.Until <= now)
            {
                Forget(_order.Dequeue());
            }

            if (_entries.TryGetValue(key, out var known))
            {
                return known.Value;
            }

            _entries[key] = (value, now + keep);
            _order.Enqueue((key, now + keep));
            while (_entries.Count > capacity)
            {
                Forget(_order.Dequeue());
            }

            return null;
        }
    }

    /// <summary>The value remembered for <paramref name="key"/> and not yet expired at <paramref name="now"/>, or null.</summary>
    public string? Recall(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var known) && known.Until > now ? known.Value : null;
        }
    }

    private void Forget((string Key, DateTimeOffset Until) entry)
    {
        if (_entries.TryGetValue(entry.Key, out var known) && known.Until == entry.Until)
        {
            _entries.Remove(entry.Key);
        }
    }
}
