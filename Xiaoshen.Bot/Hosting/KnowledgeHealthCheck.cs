using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Hosting;

/// <summary>Healthy while a build serves; degraded when the latest content failed to build (the old build still serves).</summary>
internal sealed class KnowledgeHealthCheck(KnowledgeSearch search, KnowledgeIndexer indexer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!search.IsReady)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("no knowledge index loaded"));
        }

        return Task.FromResult(indexer.LastFailure is { } failure
            ? HealthCheckResult.Degraded($"serving build {search.Build.Id}; the latest content is not served: {failure}")
            : HealthCheckResult.Healthy($"serving build {search.Build.Id}"));
    }
}
