using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Hosting;

/// <summary>Where ASP.NET Core Data Protection keeps its keys (console sign-in cookies, antiforgery tokens). Bound from <c>DataProtection</c>.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>The key folder, relative to the folder holding the content (like the database); private to the service's user.</summary>
    [Required]
    public string KeysPath { get; set; } = Path.Combine("data", "keys");
}
