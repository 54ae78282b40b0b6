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

    public IReadOnlyList<string> RoleList => Split(Roles);

    public IReadOnlyList<string> GroupList => Split(Groups);

    public static HumanAgent Create(string id, string displayName, IEnumerable<string> roles, IEnumerable<string> groups, int maxActiveChats) => new()
    {
        Id = id,
        DisplayName = displayName,
        Roles = string.Join(',', roles),
        Groups = string.Join(',', groups),
        MaxActiveChats = maxActiveChats,
    };

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
