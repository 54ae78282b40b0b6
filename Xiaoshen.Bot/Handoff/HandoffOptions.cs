using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>How conversations are queued, assigned, escalated and closed.</summary>
public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>Auto: the least busy online agent of the group gets the conversation at once. Pick: agents take it from the queue.</summary>
    public AssignmentMode Assignment { get; set; } = AssignmentMode.Auto;

    /// <summary>The first-response promise, from queueing to the agent's first message.</summary>
    [Range(10, 3600)]
    public int FirstResponseSeconds { get; set; } = 60;

    /// <summary>Nobody took the conversation by then: the backup group is notified and supervisors alerted.</summary>
    [Range(5, 3600)]
    public int EscalateAfterSeconds { get; set; } = 45;

    [Range(1, 50)]
    public int MaxActiveChatsPerHumanAgent { get; set; } = 5;

    /// <summary>The person has not written for this long while with an agent: remind them.</summary>
    [Range(1, 240)]
    public int PersonSilentReminderMinutes { get; set; } = 5;

    /// <summary>Still silent this long after the reminder: close the conversation.</summary>
    [Range(1, 240)]
    public int PersonSilentCloseMinutes { get; set; } = 3;

    /// <summary>
    /// An agent is online while their console's heartbeat or their agent-API client was heard within this many seconds;
    /// after that they get no new conversations and theirs go back to the queue. Consoles beat three times per period.
    /// </summary>
    [Range(2, 600)]
    public int PresenceTimeoutSeconds { get; set; } = 30;

    /// <summary>A person waiting in a queue is told their place and the expected wait this often (one short line).</summary>
    [Range(5, 3600)]
    public int WaitingUpdateSeconds { get; set; } = 60;

    /// <summary>How often the monitor checks escalations and timeouts.</summary>
    [Range(100, 60000)]
    public int MonitorIntervalMilliseconds { get; set; } = 1000;

    /// <summary>What the person may write to stop waiting and return to Xiaoshen.</summary>
    [MinLength(1)]
    public string[] CancelWords { get; set; } = ["取消"];

    /// <summary>Words that start a message for a call-back outside working hours.</summary>
    [MinLength(1)]
    public string[] LeaveMessageWords { get; set; } = ["留言"];
}

/// <summary>How waiting conversations reach agents.</summary>
public enum AssignmentMode
{
    Auto,
    Pick,
}
