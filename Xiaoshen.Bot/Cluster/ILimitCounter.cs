namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// Counts for limits that the whole deployment shares: requests per window (the rate limiter policies), failed
/// sign-ins with their lockouts, and things held open (WebSocket streams per conversation and per address), so N per
/// minute is N for the deployment, a lock set on one node refuses on every node, and N open is N across the nodes. In memory on one node; in Redis, under hashed keys, when several nodes run. Keys are the caller's own
/// (a scope and a client address or account name). Implementations are thread-safe.
/// </summary>
public interface ILimitCounter
{
    /// <summary>
    /// Counts one event of <paramref name="key"/> in its current window, which starts with the first event after the last
    /// window ended and lasts <paramref name="window"/>.
    /// </summary>
    Task<WindowCount> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>How long each of <paramref name="keys"/> stays locked (null for one that is not locked), asked in one round trip.</summary>
    Task<IReadOnlyList<TimeSpan?>> LockedForAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failure of <paramref name="key"/>; failures are forgotten <paramref name="lockFor"/> after the last one.
    /// The <paramref name="limit"/>-th locks the key for <paramref name="lockFor"/> and starts the count again; then the
    /// result is the lock's length, otherwise null.
    /// </summary>
    Task<TimeSpan?> FailAsync(string key, int limit, TimeSpan lockFor, CancellationToken cancellationToken);

    /// <summary>Forgets the failures of <paramref name="key"/> (not a lock it holds).</summary>
    Task ClearFailuresAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a place for <paramref name="holder"/> (a unique id) under each key of <paramref name="places"/>, all or
    /// none: false when one key already has its limit of holders. With several nodes a place is leased for
    /// <paramref name="lease"/> and counts only while <see cref="RenewAsync"/> keeps renewing it, so a node killed
    /// without releasing stops counting after the lease; on one node a place counts until released.
    /// </summary>
    Task<bool> TryHoldAsync(string holder, IReadOnlyList<HeldPlace> places, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends <paramref name="holder"/>'s places under <paramref name="keys"/> by <paramref name="lease"/> from now.</summary>
    Task RenewAsync(string holder, IReadOnlyList<string> keys, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Gives up <paramref name="holder"/>'s places under <paramref name="keys"/>.</summary>
    Task ReleaseAsync(string holder, IReadOnlyList<string> keys, CancellationToken cancellationToken);
}

/// <summary>A key under which at most <paramref name="Limit"/> holders count at once.</summary>
public sealed record HeldPlace(string Key, int Limit);

/// <summary>The events counted in a window so far, this one included, and the time until the window ends.</summary>
public sealed record WindowCount(long Count, TimeSpan Left);
