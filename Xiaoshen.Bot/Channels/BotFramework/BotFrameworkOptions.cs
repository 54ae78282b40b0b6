using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>The Bot Framework endpoint. The app id and password themselves are read by the SDK (MicrosoftAppId, MicrosoftAppPassword…).</summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "BotFramework";

    /// <summary>Channels that render Markdown; others get plain text.</summary>
    [MinLength(1)]
    public string[] MarkdownChannels { get; set; } = ["webchat", "directline", "emulator", "msteams", "test"];

    /// <summary>
    /// Serve <c>POST /api/messages</c>. Turn it off where no Bot Framework channel (Azure Bot Service, the Emulator) is
    /// used; outside Development and Testing the service does not start with it on and neither credentials nor
    /// <see cref="AllowEmulatorFromLoopback"/> set.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Without <c>MicrosoftAppId</c>, outside Development and Testing: accept the Bot Framework Emulator's unauthenticated
    /// requests from this machine only (a loopback caller not behind a proxy, replies to a loopback serviceUrl).
    /// </summary>
    public bool AllowEmulatorFromLoopback { get; set; }

    /// <summary>
    /// Hosts an activity's <c>serviceUrl</c> may name, https only: exact names, or <c>*.name</c> for any name under it.
    /// Replies are posted there, so nothing else is accepted. Development and Testing (and the Emulator setting) also
    /// accept loopback URLs. The defaults are in appsettings.json (a configured array adds to a default in code).
    /// </summary>
    [MinLength(1)]
    public string[] ServiceUrlHosts { get; set; } = [];

    /// <summary>Largest activity accepted on /api/messages.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 256 * 1024;
}
