using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// The heartbeat of an open workbench (issue 11, item 8). Three times per <see cref="HandoffOptions.PresenceTimeoutSeconds"/>
/// it asks the browser for the time over the live circuit; each answer makes the agent heard. A server-side timer alone
/// would not do: Blazor keeps a circuit for minutes after its browser went away. Nothing runs while a page is only
/// prerendered: the workbench starts it after its first interactive render. Scoped: one per circuit, stopped with it.
/// </summary>
public sealed partial class ConsolePresence(HandoffPresence handoff, IOptionsMonitor<HandoffOptions> options, TimeProvider time, ILogger<ConsolePresence> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _beating;

    /// <summary>Starts the heartbeat of <paramref name="agent"/>'s console on this circuit; later calls do nothing.</summary>
    public void Start(HumanAgent agent, IJSRuntime browser) => _beating ??= BeatAsync(agent, browser, _stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_beating is not null)
        {
            await _beating;
        }

        _stop.Dispose();
    }

    private async Task BeatAsync(HumanAgent agent, IJSRuntime browser, CancellationToken stopping)
    {
        var interval = TimeSpan.FromSeconds(options.CurrentValue.PresenceTimeoutSeconds) / 3;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                if (await BrowserAnswersAsync(browser, interval, stopping))
                {
                    await HeardAsync(agent, stopping);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the circuit ended
        }
    }

    // Coming online may hand the agent waiting conversations; a channel failing to tell a person must not stop the heartbeat.
    // A timeout's cancellation must not end the heartbeat either: the agent would look gone and lose their chats.
    private Task HeardAsync(HumanAgent agent, CancellationToken stopping) =>
        BackgroundPass.RunAsync(c => handoff.HeardAsync(agent, c), LogAnnouncementFailed, stopping);

    // A round trip: only a browser still showing the page answers, within one beat.
    private async Task<bool> BrowserAnswersAsync(IJSRuntime browser, TimeSpan within, CancellationToken stopping)
    {
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        beat.CancelAfter(within);
        try
        {
            await browser.InvokeAsync<double>("Date.now", beat.Token);
            return true;
        }
        catch (Exception ex) when (ex is JSDisconnectedException or JSException or TaskCanceledException or InvalidOperationException && !stopping.IsCancellationRequested)
        {
            LogBrowserSilent();
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An agent came online but telling the people assigned to them failed")]
    private partial void LogAnnouncementFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A console's browser did not answer its heartbeat")]
    private partial void LogBrowserSilent();
}
