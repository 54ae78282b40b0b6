using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// Stores the closed days of the reports' longest period (<see cref="StoredDays.FillRecentAsync"/>) a little after
/// start and then every <see cref="ReportsOptions.FillIntervalMinutes"/>, so a report reads stored days instead of
/// projecting the raw rows. On several nodes each day is filled once: the days are claimed.
/// </summary>
internal sealed partial class ReportDaysFiller(StoredDays stored, IOptions<ReportsOptions> options, ILogger<ReportDaysFiller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.StoreClosedDays)
        {
            return;
        }

        // On the system clock, not the service's: a clock moved ahead must not fire a period per skipped interval.
        await Task.Delay(TimeSpan.FromSeconds(options.Value.FillDelaySeconds), stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.FillIntervalMinutes));

        // The reports project unstored days live meanwhile; a failed run is tried again at the next.
        await BackgroundPass.RepeatAsync(timer, FillAsync, LogFillFailed, stoppingToken);
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var days = await stored.FillRecentAsync(cancellationToken);
        LogFilled(days, watch.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reports: stored {Days} closed day(s) in {Milliseconds} ms")]
    private partial void LogFilled(int days, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reports: storing closed days failed; the next run tries again")]
    private partial void LogFillFailed(Exception exception);
}
