namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// The failure policy of every background loop: a pass that fails is logged and the loop goes on to its next tick;
/// only cancellation on shutdown ends it. A <see cref="BackgroundService"/> whose <c>ExecuteAsync</c> throws stops the
/// whole host, so a filter listing the exceptions a pass "can" throw is not enough: an <see cref="ArgumentException"/>
/// from PostgreSQL escaped such a filter and stopped a node (issue 13).
/// </summary>
internal static class BackgroundPass
{
    /// <summary>
    /// Runs <paramref name="pass"/>; whatever it throws is given to <paramref name="failed"/> (the caller's own log
    /// line), except cancellation once <paramref name="stoppingToken"/> is cancelled, which ends the caller's loop.
    /// </summary>
    public static async Task RunAsync(Func<CancellationToken, Task> pass, Action<Exception> failed, CancellationToken stoppingToken)
    {
        try
        {
            await pass(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            failed(ex);
        }
    }

    /// <summary>Runs <paramref name="pass"/> at once and then at every tick of <paramref name="timer"/>, until shutdown (see <see cref="RunAsync"/>).</summary>
    public static async Task RepeatAsync(PeriodicTimer timer, Func<CancellationToken, Task> pass, Action<Exception> failed, CancellationToken stoppingToken)
    {
        try
        {
            do
            {
                await RunAsync(pass, failed, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
