namespace Xiaoshen.Bot.Handoff;

/// <summary>How a human service ended.</summary>
public enum HandoffOutcome
{
    /// <summary>The agent solved the person's problem.</summary>
    Resolved,

    /// <summary>The agent could not solve it.</summary>
    NotResolved,

    /// <summary>Referred to the 12345 citizen hotline.</summary>
    Referred12345,

    /// <summary>Handed to another department (a new session continues there).</summary>
    Transferred,

    /// <summary>The person cancelled while waiting.</summary>
    Cancelled,

    /// <summary>The person went silent and the conversation was closed.</summary>
    PersonSilent,

    /// <summary>The department's hours ended while the person was still waiting.</summary>
    ClosedAfterHours,

    /// <summary>An external contact centre handled it (Bot Framework handoff events).</summary>
    External,
}
