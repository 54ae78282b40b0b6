using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// A fixed-window rate limiter of one partition (a client address, a conversation) that counts through
/// <see cref="ILimitCounter"/>, so a policy allows its permits per window to the deployment, not to each node. ASP.NET
/// Core's partitioned limiter keeps one per partition key and drops it after it has been idle a while; the count stays
/// in the counter. A refused lease carries the time left in the window as <see cref="MetadataName.RetryAfter"/>.
/// </summary>
public sealed class SharedWindowLimiter(ILimitCounter counter, string key, int permits, TimeSpan window) : RateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(true, null);

    private long _lastUsed = Stopwatch.GetTimestamp();

    /// <summary>
    /// A partition of policy <paramref name="policy"/> for <paramref name="key"/>, allowing <paramref name="permits"/>
    /// requests a minute.
    /// </summary>
    public static RateLimitPartition<string> PerMinute(HttpContext http, string policy, string key, int permits)
    {
        var counter = http.RequestServices.GetRequiredService<ILimitCounter>();
        return RateLimitPartition.Get(key, k => new SharedWindowLimiter(counter, policy + "/" + k, permits, TimeSpan.FromMinutes(1)));
    }

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    // The count is elsewhere, so nothing is decided synchronously: the middleware then asks AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Acquired : new Lease(false, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        if (permitCount == 0)
        {
            return Acquired;
        }

        var count = await counter.CountAsync(key, window, cancellationToken);
        return count.Count <= permits ? Acquired : new Lease(false, count.Left);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
