namespace Xiaoshen.Bot.AgentConsole;

/// <summary>What became of a change to a console account.</summary>
public enum AccountChange
{
    Done,

    /// <summary>No account has that id.</summary>
    NotFound,

    /// <summary>The id is already used.</summary>
    Taken,

    /// <summary>The id, name, roles or groups are not acceptable.</summary>
    Invalid,

    /// <summary>The password is shorter than <see cref="SignInOptions.MinPasswordLength"/>.</summary>
    WeakPassword,

    /// <summary>The change would leave no enabled admin to manage accounts.</summary>
    LastAdmin,

    /// <summary>A group is not the agent group (or backup group) of any department of the content.</summary>
    UnknownGroup,
}
