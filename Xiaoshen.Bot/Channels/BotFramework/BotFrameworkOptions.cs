using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>The Bot Framework endpoint. The app id and password themselves are read by the SDK (MicrosoftAppId, MicrosoftAppPassword…).</summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "BotFramework";

    /// <summary>Channels that render Markdown; others get plain text.</summary>
    [MinLength(1)]
    public string[] MarkdownChannels { get; set; } = ["webchat", "directline", "emulator", "msteams", "test"];

    /// <summary>Largest activity accepted on /api/messages.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 256 * 1024;
}
