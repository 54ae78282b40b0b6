namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// Counts for limits that the whole deployment shares: requests per window (the rate limiter policies) and failed
/// sign-ins with their lockouts, so N per minute is N for the deployment and a lock set on one node refuses on every
/// node. In memory on one node; in Redis, under hashed keys, when several nodes run. Keys are the caller's own
/// (a scope and a client address or account name). Implementations are thread-safe.
/// </summary>
public interface ILimitCounter
{
    /// <summary>
    /// Counts one event of <paramref name="key"/> in its current window, which starts with the first event after the last
    /// window ended and lasts <paramref name="window"/>.
    /// </summary>
    Task<WindowCount> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>How long <paramref name="key"/> stays locked; null when it is not locked.</summary>
    Task<TimeSpan?> LockedForAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one failure of <paramref name="key"/>; failures are forgotten <paramref name="lockFor"/> after the last one.
    /// The <paramref name="limit"/>-th locks the key for <paramref name="lockFor"/> and starts the count again; then the
    /// result is the lock's length, otherwise null.
    /// </summary>
    Task<TimeSpan?> FailAsync(string key, int limit, TimeSpan lockFor, CancellationToken cancellationToken);

    /// <summary>Forgets the failures of <paramref name="key"/> (not a lock it holds).</summary>
    Task ClearFailuresAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The events counted in a window so far, this one included, and the time until the window ends.</summary>
public sealed record WindowCount(long Count, TimeSpan Left);
