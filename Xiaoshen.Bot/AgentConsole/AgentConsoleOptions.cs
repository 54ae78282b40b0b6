using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>The agent console: demo accounts and every label it shows (Chinese, from configuration).</summary>
public sealed class AgentConsoleOptions
{
    public const string SectionName = "AgentConsole";

    /// <summary>Creates the demo accounts below when they do not exist yet. Turn off in production and create real accounts.</summary>
    public bool SeedDemoAccounts { get; set; }

    /// <summary>The password of every demo account (only used when seeding; stored hashed).</summary>
    public string DemoPassword { get; set; } = string.Empty;

    public List<DemoAccount> DemoAccounts { get; set; } = [];

    /// <summary>Canned answers: a YAML file in the content folder, per department id (<c>all</c> for everyone).</summary>
    [Required] public string CannedAnswersFile { get; set; } = "canned-answers.yaml";

    /// <summary>Every label of the console by key.</summary>
    [MinLength(1)] public Dictionary<string, string> Text { get; set; } = [];
}

/// <summary>A demo account seeded for trying the console.</summary>
public sealed class DemoAccount
{
    [Required] public string Id { get; set; } = string.Empty;

    [Required] public string DisplayName { get; set; } = string.Empty;

    public List<string> Roles { get; set; } = [];

    public List<string> Groups { get; set; } = [];
}
