using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// One open WebSocket stream's places under the stream limits (<see cref="DirectLineConversations.TryOpenStreamAsync"/>):
/// renews them every third of the lease while the stream is open, so with several nodes it counts on every node, and
/// gives them up on dispose. A node killed without disposing stops renewing, and its streams stop counting after the
/// lease (issue 13).
/// </summary>
public sealed partial class DirectLineStream : IAsyncDisposable
{
    private readonly DirectLineConversation _conversation;
    private readonly ILimitCounter _counter;
    private readonly string _holder;
    private readonly IReadOnlyList<string> _keys;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _renewing;

    internal DirectLineStream(DirectLineConversation conversation, ILimitCounter counter, string holder, IReadOnlyList<string> keys, TimeSpan lease, ILogger logger)
    {
        _conversation = conversation;
        _counter = counter;
        _holder = holder;
        _keys = keys;
        _logger = logger;
        conversation.OpenStream();
        _renewing = RenewAsync(lease);
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        await _renewing;
        _closed.Dispose();
        _conversation.CloseStream();
        await _counter.ReleaseAsync(_holder, _keys, CancellationToken.None);
    }

    // The lease runs on Redis's clock; renewing is a machine's poll, so it runs on the system clock, not the service's.
    private async Task RenewAsync(TimeSpan lease)
    {
        using var timer = new PeriodicTimer(lease / 3, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                await BackgroundPass.RunAsync(c => _counter.RenewAsync(_holder, _keys, lease, c), LogRenewFailed, _closed.Token);
            }
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            // closed
        }
    }

    private void LogRenewFailed(Exception exception) => LogRenewFailed(_logger, _conversation.Id, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line conversation {ConversationId}: renewing an open stream's place under the stream limits failed; the next renewal tries again")]
    private static partial void LogRenewFailed(ILogger logger, string conversationId, Exception exception);
}
