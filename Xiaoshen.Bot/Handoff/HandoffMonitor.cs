using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The handoff's clock: puts conversations left in human hands before a restart back in their queues, then every
/// interval escalates waits past the limit, reminds and closes silent conversations and re-queues lost agents' chats.
/// </summary>
internal sealed partial class HandoffMonitor(HandoffClock handoff, IOptions<HandoffOptions> options, TimeProvider time, ILogger<HandoffMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await handoff.RestoreAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.MonitorIntervalMilliseconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await handoff.TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad tick (a channel down, a database hiccup) must not stop escalations for everyone else.
                LogTickFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The handoff monitor's tick failed; it runs again at the next interval")]
    private partial void LogTickFailed(Exception exception);
}
