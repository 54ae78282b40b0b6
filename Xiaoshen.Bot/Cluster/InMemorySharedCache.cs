using System.Collections.Concurrent;

namespace Xiaoshen.Bot.Cluster;

/// <summary>The shared cache of a single node. Singleton.</summary>
public sealed class InMemorySharedCache(TimeProvider time) : ISharedCache
{
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset Until)> _values = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _fetching = new(1, 1);

    public async Task<string?> GetOrFetchAsync(string key, Func<CancellationToken, Task<FetchedValue?>> fetch, CancellationToken cancellationToken)
    {
        if (Cached(key) is { } cached)
        {
            return cached;
        }

        // One fetch at a time, so a burst of callers does not fetch one each (and invalidate each other's tokens).
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (Cached(key) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            if (await fetch(cancellationToken) is not { } fetched)
            {
                return null;
            }

            _values[key] = (fetched.Value, time.GetUtcNow() + fetched.KeepFor);
            return fetched.Value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public Task InvalidateAsync(string key, string value, CancellationToken cancellationToken)
    {
        if (_values.TryGetValue(key, out var held) && held.Value == value)
        {
            _values.TryRemove(KeyValuePair.Create(key, held));
        }

        return Task.CompletedTask;
    }

    private string? Cached(string key) =>
        _values.TryGetValue(key, out var cached) && cached.Until > time.GetUtcNow() ? cached.Value : null;
}
