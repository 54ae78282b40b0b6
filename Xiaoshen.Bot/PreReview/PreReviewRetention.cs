using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// Deletes pre-review photos past <see cref="PreReviewOptions.ImageRetentionDays"/> and closed pre-reviews past
/// <see cref="PreReviewOptions.CaseRetentionDays"/>, at start and then every
/// <see cref="PreReviewOptions.RetentionSweepMinutes"/>. Hosted service.
/// </summary>
internal sealed partial class PreReviewRetention(PreReviewService service, IOptions<PreReviewOptions> options, TimeProvider time, ILogger<PreReviewRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.RetentionSweepMinutes), time);
        await BackgroundPass.RepeatAsync(timer, SweepAsync, LogFailed, stoppingToken);
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        await service.DeleteOldPhotosAsync(cancellationToken);
        await service.DeleteClosedCasesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pre-review retention could not delete old photos or pre-reviews; the next sweep tries again")]
    private partial void LogFailed(Exception exception);
}
