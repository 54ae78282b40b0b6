using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Storage;

/// <summary>The daily deletion of data older than <see cref="RetentionOptions.Days"/>, at start and then every <see cref="RetentionOptions.IntervalHours"/>.</summary>
internal sealed partial class RetentionService(IEnumerable<IRetentionTarget> targets, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.IntervalHours), time);
        await BackgroundPass.RepeatAsync(timer, PurgeAsync, ex => LogPurgeFailed(nameof(RetentionService), ex), stoppingToken);
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().ToUniversalTime().AddDays(-options.Value.Days);
        // Each target on its own: one failing does not keep the others' old data.
        foreach (var target in targets)
        {
            var name = target.GetType().Name;
            await BackgroundPass.RunAsync(
                async c => LogPurged(name, await target.DeleteOlderThanAsync(cutoff, c), cutoff),
                ex => LogPurgeFailed(name, ex),
                cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Target} deleted {Deleted} item(s) older than {Cutoff:u}")]
    private partial void LogPurged(string target, int deleted, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: {Target} could not delete old data; the next run tries again")]
    private partial void LogPurgeFailed(string target, Exception exception);
}
