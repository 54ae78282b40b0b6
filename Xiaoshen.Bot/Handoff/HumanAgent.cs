namespace Xiaoshen.Bot.Handoff;

/// <summary>A person who signs in to the agent console: an agent of some groups, a supervisor, an editor or an admin.</summary>
public sealed class HumanAgent
{
    public const string AgentRole = "agent";
    public const string SupervisorRole = "supervisor";
    public const string EditorRole = "editor";
    public const string AdminRole = "admin";

    public static readonly IReadOnlyList<string> AllRoles = [AgentRole, SupervisorRole, EditorRole, AdminRole];

    private HumanAgent()
    {
    }

    /// <summary>The sign-in name.</summary>
    public string Id { get; private set; } = string.Empty;

    public string DisplayName { get; private set; } = string.Empty;

    /// <summary>ASP.NET Core Identity's PBKDF2 hash; the password itself is never kept.</summary>
    public string PasswordHash { get; private set; } = string.Empty;

    /// <summary>Comma-separated roles.</summary>
    public string Roles { get; private set; } = string.Empty;

    /// <summary>Comma-separated agent groups (department agent_group values) whose queues this person serves.</summary>
    public string Groups { get; private set; } = string.Empty;

    public int MaxActiveChats { get; private set; }

    /// <summary>A disabled account cannot sign in, and its signed-in sessions end (issue 11).</summary>
    public bool IsDisabled { get; private set; }

    /// <summary>
    /// Renewed whenever the password or the account's state changes. A signed-in session carries the value it started
    /// with and ends when they differ.
    /// </summary>
    public string SecurityStamp { get; private set; } = string.Empty;

    public IReadOnlyList<string> RoleList => Split(Roles);

    public IReadOnlyList<string> GroupList => Split(Groups);

    public static HumanAgent Create(string id, string displayName, IEnumerable<string> roles, IEnumerable<string> groups, int maxActiveChats) => new()
    {
        Id = id,
        DisplayName = displayName,
        Roles = string.Join(',', roles),
        Groups = string.Join(',', groups),
        MaxActiveChats = maxActiveChats,
        SecurityStamp = NewStamp(),
    };

    /// <summary>Sets a new password (as its hash) and ends the account's sessions.</summary>
    public void SetPasswordHash(string hash)
    {
        PasswordHash = hash;
        SecurityStamp = NewStamp();
    }

    /// <summary>An admin changes the name, roles or groups; the account's sessions end, so they start again with them.</summary>
    public void Update(string displayName, IEnumerable<string> roles, IEnumerable<string> groups)
    {
        DisplayName = displayName;
        Roles = string.Join(',', roles);
        Groups = string.Join(',', groups);
        SecurityStamp = NewStamp();
    }

    /// <summary>Disables or enables the account; either way its sessions end.</summary>
    public void SetDisabled(bool disabled)
    {
        IsDisabled = disabled;
        SecurityStamp = NewStamp();
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
