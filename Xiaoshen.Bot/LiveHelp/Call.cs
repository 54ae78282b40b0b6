namespace Xiaoshen.Bot.LiveHelp;

/// <summary>The state a call is in.</summary>
public enum CallState
{
    Ringing,
    Accepted,
    Connected,
    Ended,
}

/// <summary>
/// One call between a human agent and the person they serve: who, what kind, when it was answered, connected and ended.
/// Only that a call took place and how long it lasted is kept (in the transcript), never the media. The rules live
/// here; <see cref="CallService"/> relays and records. Not thread-safe: the service holds its lock around it.
/// </summary>
public sealed class Call
{
    private Call()
    {
    }

    public Guid Id { get; private init; }

    public Guid ConversationId { get; private init; }

    /// <summary>The person's Direct Line conversation and user.</summary>
    public string ChannelConversationId { get; private init; } = string.Empty;

    public string? UserId { get; private init; }

    public string HumanAgentId { get; private init; } = string.Empty;

    public string AgentName { get; private init; } = string.Empty;

    public string Department { get; private init; } = string.Empty;

    /// <summary>True for a video call, false for voice only.</summary>
    public bool Video { get; private init; }

    public CallState State { get; private set; }

    public DateTimeOffset InvitedAt { get; private init; }

    public DateTimeOffset? ConnectedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public CallEnd? EndedBy { get; private set; }

    /// <summary>What the person sends: camera, screen or audio.</summary>
    public string? PersonMedia { get; private set; }

    /// <summary>How long the browsers were connected; null when they never were.</summary>
    public TimeSpan? Duration => ConnectedAt is { } from && EndedAt is { } to ? to - from : null;

    public bool IsOver => State == CallState.Ended;

    public static Call Invite(Guid conversationId, string channelConversationId, string? userId, string humanAgentId, string agentName, string department, bool video, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ConversationId = conversationId,
        ChannelConversationId = channelConversationId,
        UserId = userId,
        HumanAgentId = humanAgentId,
        AgentName = agentName,
        Department = department,
        Video = video,
        State = CallState.Ringing,
        InvitedAt = now,
    };

    /// <summary>The person answers with <paramref name="media"/>; false unless the call is ringing.</summary>
    public bool Accept(string media)
    {
        if (State != CallState.Ringing)
        {
            return false;
        }

        State = CallState.Accepted;
        PersonMedia = media;
        return true;
    }

    /// <summary>The person switched what they send (camera or screen) during the call.</summary>
    public bool Switch(string media)
    {
        if (State is CallState.Ringing or CallState.Ended)
        {
            return false;
        }

        PersonMedia = media;
        return true;
    }

    /// <summary>A browser reports the connection up; the first report starts the call's length.</summary>
    public void Connected(DateTimeOffset now)
    {
        if (State == CallState.Accepted)
        {
            State = CallState.Connected;
            ConnectedAt = now;
        }
    }

    /// <summary>Ends the call; false when it had ended already.</summary>
    public bool End(CallEnd why, DateTimeOffset now)
    {
        if (State == CallState.Ended)
        {
            return false;
        }

        State = CallState.Ended;
        EndedBy = why;
        EndedAt = now;
        return true;
    }
}
