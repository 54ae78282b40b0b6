using Newtonsoft.Json.Linq;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// One Direct Line conversation's activity log: every activity gets the next watermark; readers ask for what follows a
/// watermark, and open streams are told of new activities. The oldest are dropped past the configured size. Thread-safe.
/// </summary>
public sealed class DirectLineConversation(string id, int kept, Func<DirectLineConversation, int, IReadOnlyList<JObject>, Task>? persist = null)
{
    private readonly object _gate = new();
    private readonly List<JObject> _activities = [];
    private readonly List<Func<IReadOnlyList<JObject>, int, Task>> _listeners = [];
    private int _dropped;

    public string Id { get; } = id;

    /// <summary>Held while Xiaoshen answers one of the person's messages, so turns of one conversation never overlap.</summary>
    public SemaphoreSlim Turns { get; } = new(1, 1);

    /// <summary>The watermark after the newest activity.</summary>
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

    /// <summary>Appends activities, giving each its id (<c>conversation|0000001</c>); streams are told once they are stored. Returns the ids.</summary>
    public async Task<IReadOnlyList<string>> AppendAsync(IReadOnlyList<JObject> activities)
    {
        List<Func<IReadOnlyList<JObject>, int, Task>> listeners;
        int watermark;
        Task persisted;
        var ids = new List<string>(activities.Count);
        lock (_gate)
        {
            foreach (var activity in activities)
            {
                var id = $"{Id}|{_dropped + _activities.Count:D7}";
                activity["id"] = id;
                ids.Add(id);
                _activities.Add(activity);
            }

            if (_activities.Count > kept)
            {
                var drop = _activities.Count - kept;
                _activities.RemoveRange(0, drop);
                _dropped += drop;
            }

            watermark = _dropped + _activities.Count;
            listeners = [.. _listeners];
            persisted = persist?.Invoke(this, watermark - activities.Count, activities) ?? Task.CompletedTask;
        }

        await persisted;
        foreach (var listener in listeners)
        {
            await listener(activities, watermark);
        }

        return ids;
    }

    /// <summary>Puts back activities stored before a restart (no listeners are told; nothing is persisted again).</summary>
    public void Restore(IReadOnlyList<(int Sequence, JObject Activity)> stored)
    {
        lock (_gate)
        {
            if (stored.Count == 0 || _activities.Count > 0)
            {
                return;
            }

            var recent = stored.OrderBy(s => s.Sequence).TakeLast(kept).ToList();
            _dropped = recent[0].Sequence;
            _activities.AddRange(recent.Select(s => s.Activity));
        }
    }

    /// <summary>Activities after <paramref name="watermark"/> (all kept ones when null or unparseable), and the new watermark.</summary>
    public (IReadOnlyList<JObject> Activities, int Watermark) Since(string? watermark)
    {
        lock (_gate)
        {
            var from = int.TryParse(watermark, out var w) ? Math.Max(w - _dropped, 0) : 0;
            return (_activities.Skip(from).ToList(), _dropped + _activities.Count);
        }
    }

    /// <summary>Registers a stream; it gets every later batch of activities with the watermark after it. Dispose to stop.</summary>
    public IDisposable Listen(Func<IReadOnlyList<JObject>, int, Task> listener)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    private sealed class Subscription(DirectLineConversation owner, Func<IReadOnlyList<JObject>, int, Task> listener) : IDisposable
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
