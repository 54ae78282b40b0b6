using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Xiaoshen.Bot.Cluster;

/// <summary>Unhealthy while Redis does not answer: presence, the change feed and the shared WeChat state need it.</summary>
internal sealed class RedisHealthCheck(RedisStore redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.Database.PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", ex);
        }
    }
}
