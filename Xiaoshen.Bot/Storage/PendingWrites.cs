using System.Collections.Concurrent;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Which conversations this node has queued writes of on the <see cref="StorageWriter"/> that are not yet known to be
/// committed (readable by every node, <see cref="StorageWriter.CommittedAsync"/>), with how many. A read of such a
/// conversation's rows waits for the writer first (it must see this node's own writes); a read of any other
/// conversation goes to the database at once. Waiting for the writer on every read cost a relayed message a batch or
/// two each time (issue 13, relay latency). Thread-safe.
/// </summary>
internal sealed class PendingWrites(StorageWriter writer)
{
    private readonly ConcurrentDictionary<Guid, int> _pending = new();

    /// <summary>Counts a write of the conversation, queues it with <paramref name="enqueue"/>; completes true once committed, false when the writer could not confirm it.</summary>
    public Task<bool> Track(Guid conversationId, Action enqueue)
    {
        _pending.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        enqueue();
        return CommittedAsync(conversationId);
    }

    /// <summary>Completes once this node's queued writes of the conversation are committed (at once when there are none).</summary>
    public Task AfterAsync(Guid conversationId, CancellationToken cancellationToken) =>
        _pending.ContainsKey(conversationId) ? writer.CommittedAsync(cancellationToken) : Task.CompletedTask;

    private async Task<bool> CommittedAsync(Guid conversationId)
    {
        try
        {
            await writer.CommittedAsync();
        }
        catch (StorageUnavailableException)
        {
            // Still queued: it stays counted, so reads of the conversation keep waiting for the writer.
            return false;
        }

        while (_pending.TryGetValue(conversationId, out var n)
            && !(n == 1 ? _pending.TryRemove(new KeyValuePair<Guid, int>(conversationId, 1)) : _pending.TryUpdate(conversationId, n - 1, n)))
        {
        }

        return true;
    }
}
