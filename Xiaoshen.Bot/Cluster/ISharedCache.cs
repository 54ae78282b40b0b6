namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// Values that one node fetches and every node uses until they expire: an access token of which WeChat allows one live
/// per app, so nodes fetching their own would keep invalidating each other's. In memory on one node; in Redis, fetched
/// under a lock, when several nodes run. Implementations are thread-safe.
/// </summary>
public interface ISharedCache
{
    /// <summary>
    /// The value cached under <paramref name="key"/>, or else the one <paramref name="fetch"/> returns, cached for as long
    /// as it says. One fetch at a time per key, across nodes; the others wait for its value. Null when the fetch failed.
    /// </summary>
    Task<string?> GetOrFetchAsync(string key, Func<CancellationToken, Task<FetchedValue?>> fetch, CancellationToken cancellationToken);

    /// <summary>Drops <paramref name="value"/> from <paramref name="key"/> unless another value has replaced it already.</summary>
    Task InvalidateAsync(string key, string value, CancellationToken cancellationToken);
}

/// <summary>A fetched value and how long it may be used.</summary>
public sealed record FetchedValue(string Value, TimeSpan KeepFor);
