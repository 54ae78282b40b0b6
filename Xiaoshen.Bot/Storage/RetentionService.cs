using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Storage;

/// <summary>The daily deletion of data older than <see cref="RetentionOptions.Days"/>, at start and then every <see cref="RetentionOptions.IntervalHours"/>.</summary>
internal sealed partial class RetentionService(IEnumerable<IRetentionTarget> targets, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.IntervalHours), time);
        do
        {
            await PurgeAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().ToUniversalTime().AddDays(-options.Value.Days);
        foreach (var target in targets)
        {
            try
            {
                var deleted = await target.DeleteOlderThanAsync(cutoff, cancellationToken);
                LogPurged(target.GetType().Name, deleted, cutoff);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever went wrong, the next run tries again and the service keeps serving.
                LogPurgeFailed(target.GetType().Name, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Target} deleted {Deleted} item(s) older than {Cutoff:u}")]
    private partial void LogPurged(string target, int deleted, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: {Target} could not delete old data; the next run tries again")]
    private partial void LogPurgeFailed(string target, Exception exception);
}
