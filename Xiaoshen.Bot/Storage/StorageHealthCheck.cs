using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Unhealthy while the database does not take writes, so a load balancer stops sending people to a node that cannot
/// store their conversations; healthy again as soon as a write succeeds.
/// </summary>
internal sealed class StorageHealthCheck(StorageWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(writer.FailingSince is { } since
            ? HealthCheckResult.Unhealthy($"storage writes failing since {since:u} ({writer.Waiting} changes waiting): {writer.LastError}")
            : HealthCheckResult.Healthy($"storage writes succeed ({writer.Waiting} changes waiting)"));
}
