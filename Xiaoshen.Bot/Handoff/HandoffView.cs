using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>A conversation in human hands as the console shows it, at one moment.</summary>
public sealed record HandoffView(
    Guid ConversationId,
    Guid SessionId,
    string Channel,
    Routing Routing,
    ConversationStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? AssignedAt,
    string? HumanAgentId,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? EscalatedAt,
    string? TransferNote,
    string? CandidatesJson,
    DateTimeOffset LastPersonAt,
    int PersonMessagesUnseen);

/// <summary>A human agent's presence as supervisors see it; <c>Connected</c> means heard lately (online).</summary>
public sealed record HumanAgentStatus(string Id, string DisplayName, IReadOnlyList<string> Groups, bool Connected, bool Available, int ActiveChats, int MaxActiveChats);

/// <summary>What changed, so consoles refresh: a queue, a conversation, presence or an alert.</summary>
public sealed record HandoffChange(Guid? ConversationId, HandoffChangeKind Kind);

public enum HandoffChangeKind
{
    Queued,
    Assigned,
    Message,
    Transferred,
    Ended,
    Escalated,
    Presence,
}

/// <summary>Why an agent's action was refused (the console words it).</summary>
public enum HandoffProblem
{
    None,
    NotFound,
    NotWaiting,
    NotYours,
    NotInGroup,
    UnknownDepartment,
    EmptyMessage,
    MessageTooLong,

    /// <summary>Another node changed the conversation twice while this change was decided; try again.</summary>
    Conflict,
}

/// <summary>What the person is told when queued (who took the conversation at once, or their place and wait) and the words they may answer.</summary>
public sealed record QueueResult(string Text, IReadOnlyList<string> Actions);
