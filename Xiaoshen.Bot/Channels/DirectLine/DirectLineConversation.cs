using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// One Direct Line conversation's activity log as this node holds it in memory: the activities from watermark
/// <see cref="FirstKept"/> up to <see cref="Watermark"/>, without gaps, as their JSON text. The database numbers and
/// stores every activity first (<see cref="DirectLineConversations"/>); this copy takes them in order
/// (<see cref="Accept"/>), from this node's appends and from catching up with what other nodes appended, and tells
/// open streams. Only the newest activities are kept (by count and by characters); older ones are in the database.
/// Thread-safe.
/// </summary>
public sealed class DirectLineConversation(string id, int kept, int charactersKept, Func<DirectLineConversation, IReadOnlyList<JObject>, bool, Task<IReadOnlyList<string>>> append)
{
    private readonly Lock _gate = new();
    private readonly List<string> _activities = [];
    private readonly List<Func<IReadOnlyList<string>, int, Task>> _listeners = [];
    private int _dropped;
    private long _characters;
    private int _streams;
    private long _lastActiveTicks;

    public string Id { get; } = id;

    /// <summary>Held while Xiaoshen answers one of the person's messages, so turns of one conversation never overlap.</summary>
    public SemaphoreSlim Turns { get; } = new(1, 1);

    /// <summary>Held while this copy catches up from the database, so notices arriving together cost one read.</summary>
    internal SemaphoreSlim CatchingUp { get; } = new(1, 1);

    /// <summary>The watermark after the newest activity this node holds.</summary>
    public int Watermark
    {
        get
        {
            lock (_gate)
            {
                return _dropped + _activities.Count;
            }
        }
    }

    /// <summary>The watermark of the oldest activity still in memory; older ones are read from the database.</summary>
    public int FirstKept
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>When the conversation was last used (UTC ticks).</summary>
    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    /// <summary>True while a stream is open or a turn is being answered: such a conversation stays in memory.</summary>
    public bool IsBusy
    {
        get
        {
            lock (_gate)
            {
                return _streams > 0 || Turns.CurrentCount == 0;
            }
        }
    }

    /// <summary>True while a stream is open on this node.</summary>
    public bool HasStreams
    {
        get
        {
            lock (_gate)
            {
                return _streams > 0;
            }
        }
    }

    /// <summary>An activity's id: the conversation and its watermark.</summary>
    public static string ActivityId(string conversationId, int watermark) => $"{conversationId}|{watermark:D7}";

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    /// <summary>
    /// Stores activities, numbered by the database, and returns their ids (<c>conversation|0000001</c>) once committed
    /// and shown to streams and, when <paramref name="durable"/>, once on disk too (with everything this node committed
    /// before, so a durable append, even of nothing, makes earlier ones durable).
    /// </summary>
    public Task<IReadOnlyList<string>> AppendAsync(IReadOnlyList<JObject> activities, bool durable = true) => append(this, activities, durable);

    /// <summary>
    /// Takes stored activities from watermark <paramref name="first"/> and tells streams of those it did not hold.
    /// False, taking nothing, when activities before <paramref name="first"/> are missing here (another node appended
    /// them): the caller catches up from the database. <paramref name="skipMissing"/> (for activities read from the
    /// database, where missing ones were deleted by retention) moves past the gap instead.
    /// </summary>
    public async Task<bool> AcceptAsync(int first, IReadOnlyList<string> texts, bool skipMissing = false)
    {
        List<Func<IReadOnlyList<string>, int, Task>> listeners;
        IReadOnlyList<string> taken;
        int watermark;
        lock (_gate)
        {
            watermark = _dropped + _activities.Count;
            if (first > watermark)
            {
                if (!skipMissing)
                {
                    return false;
                }

                _activities.Clear();
                _characters = 0;
                _dropped = watermark = first;
            }

            var skip = watermark - first;
            if (skip >= texts.Count)
            {
                return true;
            }

            taken = texts.Skip(skip).ToList();
            foreach (var text in taken)
            {
                _activities.Add(text);
                _characters += text.Length;
            }

            Trim();
            watermark = _dropped + _activities.Count;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            await listener(taken, watermark);
        }

        return true;
    }

    /// <summary>Puts back activities stored before (no listeners are told; nothing is persisted again). Ignored once the log has begun.</summary>
    public void Restore(IReadOnlyList<(int Sequence, string Json)> stored)
    {
        lock (_gate)
        {
            if (stored.Count == 0 || _activities.Count > 0 || _dropped > 0)
            {
                return;
            }

            var recent = stored.OrderBy(s => s.Sequence).ToList();
            _dropped = recent[0].Sequence;
            _activities.AddRange(recent.Select(s => s.Json));
            _characters = _activities.Sum(a => (long)a.Length);

            // Sequences missing from the database (deleted by retention) must not be handed out again.
            _dropped += recent[^1].Sequence + 1 - (_dropped + _activities.Count);
            Trim();
        }
    }

    /// <summary>
    /// A page of kept activities from watermark <paramref name="from"/> (or the oldest kept, if later), at most
    /// <paramref name="maxCount"/> and about <paramref name="maxCharacters"/> (at least one), and the watermark after it.
    /// </summary>
    public (IReadOnlyList<string> Activities, int Next) Page(int from, int maxCount, int maxCharacters)
    {
        lock (_gate)
        {
            var start = Math.Clamp(from - _dropped, 0, _activities.Count);
            var count = Fit(_activities, start, maxCount, maxCharacters);
            return (_activities.GetRange(start, count), _dropped + start + count);
        }
    }

    /// <summary>How many items from <paramref name="start"/> make a page of at most <paramref name="maxCount"/> items and <paramref name="maxCharacters"/> characters (at least one, if any).</summary>
    public static int Fit(IReadOnlyList<string> items, int start, int maxCount, int maxCharacters)
    {
        var count = 0;
        long characters = 0;
        while (start + count < items.Count && count < maxCount && (count == 0 || characters + items[start + count].Length <= maxCharacters))
        {
            characters += items[start + count].Length;
            count++;
        }

        return count;
    }

    /// <summary>Counts a stream open on this node (the limits are counted by <see cref="DirectLineConversations.TryOpenStreamAsync"/>).</summary>
    public void OpenStream()
    {
        lock (_gate)
        {
            _streams++;
        }
    }

    public void CloseStream()
    {
        lock (_gate)
        {
            _streams--;
        }
    }

    /// <summary>Registers a stream; it gets every later batch of activities with the watermark after it. Dispose to stop.</summary>
    public IDisposable Listen(Func<IReadOnlyList<string>, int, Task> listener)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    // Drops the oldest activities past the count and the character budget; the newest always stays.
    private void Trim()
    {
        var drop = 0;
        var characters = _characters;
        while (_activities.Count - drop > 1 && (_activities.Count - drop > kept || characters > charactersKept))
        {
            characters -= _activities[drop].Length;
            drop++;
        }

        if (drop > 0)
        {
            _activities.RemoveRange(0, drop);
            _characters = characters;
            _dropped += drop;
        }
    }

    private sealed class Subscription(DirectLineConversation owner, Func<IReadOnlyList<string>, int, Task> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._listeners.Remove(listener);
            }
        }
    }
}
