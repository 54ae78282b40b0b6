namespace Xiaoshen.Bot.LiveHelp;

/// <summary>How a call ended.</summary>
public enum CallEnd
{
    AgentHungUp,
    PersonHungUp,

    /// <summary>The person said no to the invitation.</summary>
    Declined,

    /// <summary>Nobody answered within <see cref="CallOptions.RingSeconds"/>.</summary>
    Missed,

    /// <summary>A browser could not connect or lost the connection.</summary>
    Failed,

    /// <summary>The human service ended, was transferred or lost its agent.</summary>
    HandoffEnded,

    /// <summary>The agent's console went away.</summary>
    AgentLeft,
}
