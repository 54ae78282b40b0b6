using System.Collections.Immutable;

namespace Xiaoshen.Bot.Cluster;

/// <summary>The change feed of a single node: notices go straight to this process's subscribers. Singleton.</summary>
public sealed class InMemoryChangeFeed : IChangeFeed
{
    private ImmutableDictionary<string, ImmutableList<Action<ChangeNotice>>> _handlers = ImmutableDictionary<string, ImmutableList<Action<ChangeNotice>>>.Empty;

    public Task PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default)
    {
        Deliver(notice);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string topic, Action<ChangeNotice> handler)
    {
        ImmutableInterlocked.AddOrUpdate(ref _handlers, topic, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.AddOrUpdate(ref _handlers, topic, _ => [], (_, list) => list.Remove(handler)));
    }

    /// <summary>Hands a notice to this node's subscribers (also used by the Redis feed for notices from other nodes).</summary>
    internal void Deliver(ChangeNotice notice)
    {
        if (_handlers.TryGetValue(notice.Topic, out var handlers))
        {
            foreach (var handler in handlers)
            {
                handler(notice);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
