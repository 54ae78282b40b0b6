namespace Xiaoshen.Bot.Handoff;

/// <summary>A pending wait for one conversation's next change.</summary>
public sealed class HandoffChangeWaiter : IDisposable
{
    private readonly HandoffService _owner;
    private readonly Guid _conversationId;
    private readonly TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal HandoffChangeWaiter(HandoffService owner, Guid conversationId)
    {
        _owner = owner;
        _conversationId = conversationId;
        owner.Changed += OnChanged;
    }

    public Task Changed => _changed.Task;

    public void Dispose() => _owner.Changed -= OnChanged;

    private void OnChanged(HandoffChange change)
    {
        if (change.ConversationId == _conversationId)
        {
            _changed.TrySetResult();
        }
    }
}
