namespace Xiaoshen.Bot.LiveHelp;

/// <summary>Why a call could not be started (the console words it).</summary>
public enum CallProblem
{
    None,

    /// <summary>Calls are turned off (<see cref="CallOptions.Enabled"/>).</summary>
    Disabled,

    /// <summary>The conversation is not in human hands any more.</summary>
    NotFound,

    /// <summary>Another agent serves the conversation, or nobody has accepted it yet.</summary>
    NotYours,

    /// <summary>The person's channel cannot carry a call (WeChat, WeCom, other Bot Framework channels).</summary>
    ChannelUnsupported,

    /// <summary>A call with the person is already ringing or under way.</summary>
    Busy,
}
