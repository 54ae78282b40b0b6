using System.Threading.Channels;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The handoff's changes on every node: this node's <see cref="HandoffCopies.Changed"/> goes out on the
/// <see cref="IChangeFeed"/> (topic <see cref="ChangeTopics.Handoff"/>) once what changed is stored, and
/// <see cref="Subscribe"/> hears the changes of every node, this one's included, so a console on node B refreshes when a
/// conversation is queued, taken or closed on node A. A notice is a wake-up: the subscriber reads the rows. Singleton.
/// </summary>
public sealed partial class HandoffFeed(HandoffCopies handoff, IChangeFeed feed, StorageWriter writer, ILogger<HandoffFeed> logger) : BackgroundService
{
    private readonly Channel<HandoffChange> _changed = Channel.CreateUnbounded<HandoffChange>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Calls <paramref name="handler"/> for each handoff change of any node; it must not block. Dispose to stop.</summary>
    public IDisposable Subscribe(Action<HandoffChange> handler) => feed.Subscribe(ChangeTopics.Handoff, notice => handler(Change(notice)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        handoff.Changed += OnChanged;
        try
        {
            while (await _changed.Reader.WaitToReadAsync(stoppingToken))
            {
                // Stored first, so a node that hears the notice reads the change; one flush for the changes queued meanwhile.
                var batch = new List<HandoffChange>();
                while (_changed.Reader.TryRead(out var change))
                {
                    batch.Add(change);
                }

                // If the database or Redis fails, the consoles of other nodes catch up at their next change or reload.
                await BackgroundPass.RunAsync(c => PublishAsync(batch, c), ex => LogNotPublished(batch.Count, ex), stoppingToken);
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

    private async Task PublishAsync(IReadOnlyList<HandoffChange> batch, CancellationToken cancellationToken)
    {
        await writer.CommittedAsync(cancellationToken);
        foreach (var change in batch.Distinct())
        {
            await feed.PublishAsync(new ChangeNotice(ChangeTopics.Handoff, change.ConversationId?.ToString("D") ?? string.Empty, Detail: change.Kind.ToString()), cancellationToken);
        }
    }

    private void OnChanged(HandoffChange change) => _changed.Writer.TryWrite(change);

    // A turn stored on any node (ConversationStore's notice, detail "turn") is a message of the conversation.
    private static HandoffChange Change(ChangeNotice notice) => new(
        Guid.TryParse(notice.Key, out var id) ? id : null,
        Enum.TryParse<HandoffChangeKind>(notice.Detail, out var kind) ? kind : HandoffChangeKind.Message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} handoff changes were not announced to other nodes (the database or Redis failed)")]
    private partial void LogNotPublished(int count, Exception exception);
}
