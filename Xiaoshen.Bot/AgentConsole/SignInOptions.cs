using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>Console and agent-API sign-in: lockout, password length, and how often a signed-in session re-checks its account.</summary>
public sealed class SignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>Wrong passwords in a row that lock an account name (known or not, so locking reveals nothing).</summary>
    [Range(1, 100)]
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins that lock a client address, whatever names were tried. Offices behind one address may need more.</summary>
    [Range(1, 1000)]
    public int MaxFailuresPerAddress { get; set; } = 5;

    /// <summary>How long a lock lasts; failures older than this are forgotten.</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A signed-in session re-reads its account at most this often, so a disabled or reset account stops working within it.</summary>
    [Range(1, 60)]
    public int AccountCheckSeconds { get; set; } = 60;

    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 8;
}
