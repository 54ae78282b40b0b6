using System.Threading.Channels;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>
/// Follows handoff changes for the web chat's live help: who serves the person (<see cref="StaffNotices"/>) and whether
/// a call may go on (<see cref="CallService.CheckAsync"/>). Changes are queued and handled one at a time off the
/// handoff's thread, since its handlers must not block.
/// </summary>
public sealed partial class LiveHelpMonitor(HandoffCopies handoff, StaffNotices staff, CallService calls, ILogger<LiveHelpMonitor> logger) : BackgroundService
{
    private readonly Channel<Guid> _changed = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        handoff.Changed += OnChanged;
        try
        {
            await foreach (var conversationId in _changed.Reader.ReadAllAsync(stoppingToken))
            {
                // One conversation's failure must not stop the others' notices.
                await BackgroundPass.RunAsync(
                    async c =>
                    {
                        await staff.UpdateAsync(conversationId, c);
                        await calls.CheckAsync(conversationId, c);
                    },
                    ex => LogFailed(conversationId, ex),
                    stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            handoff.Changed -= OnChanged;
        }
    }

    // Messages and presence do not change who serves a conversation.
    private void OnChanged(HandoffChange change)
    {
        if (change.ConversationId is { } id && change.Kind is not (HandoffChangeKind.Message or HandoffChangeKind.Presence or HandoffChangeKind.Escalated))
        {
            _changed.Writer.TryWrite(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: telling its web chat who serves it failed")]
    private partial void LogFailed(Guid conversationId, Exception exception);
}
