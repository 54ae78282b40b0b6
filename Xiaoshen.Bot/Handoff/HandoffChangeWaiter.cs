using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// A pending wait for one conversation's next change: a change on this node, or, given the change feed, a notice from
/// another node (a turn it stored). A wake-up only: the waiter reads what changed from the database.
/// </summary>
public sealed class HandoffChangeWaiter : IDisposable
{
    private readonly HandoffCopies _owner;
    private readonly Guid _conversationId;
    private readonly IDisposable? _otherNodes;
    private readonly TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal HandoffChangeWaiter(HandoffCopies owner, Guid conversationId, IChangeFeed? otherNodes)
    {
        _owner = owner;
        _conversationId = conversationId;
        owner.Changed += OnChanged;
        var key = conversationId.ToString("D");
        _otherNodes = otherNodes?.Subscribe(ChangeTopics.Handoff, notice =>
        {
            if (notice.Key == key)
            {
                _changed.TrySetResult();
            }
        });
    }

    public Task Changed => _changed.Task;

    public void Dispose()
    {
        _owner.Changed -= OnChanged;
        _otherNodes?.Dispose();
    }

    private void OnChanged(HandoffChange change)
    {
        if (change.ConversationId == _conversationId)
        {
            _changed.TrySetResult();
        }
    }
}
