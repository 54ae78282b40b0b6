using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The handoff's clock: puts conversations left in human hands before a restart back in their queues, then every
/// interval escalates waits past the limit, reminds and closes silent conversations and re-queues lost agents' chats.
/// </summary>
internal sealed partial class HandoffMonitor(HandoffClock handoff, IOptions<HandoffOptions> options, TimeProvider time, ILogger<HandoffMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass restores; a database down at start must not stop the node, so a failed restore is tried again
        // at each interval and the clock starts once it has worked. One bad tick (a channel down, a database hiccup)
        // must not stop escalations for everyone else.
        var restored = false;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.MonitorIntervalMilliseconds), time);
        await BackgroundPass.RepeatAsync(timer, PassAsync, LogTickFailed, stoppingToken);

        async Task PassAsync(CancellationToken cancellationToken)
        {
            if (restored)
            {
                await handoff.TickAsync(cancellationToken);
                return;
            }

            await handoff.RestoreAsync(cancellationToken);
            restored = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The handoff monitor's restore or tick failed; it runs again at the next interval")]
    private partial void LogTickFailed(Exception exception);
}
