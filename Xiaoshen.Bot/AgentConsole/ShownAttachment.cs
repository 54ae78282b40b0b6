namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// A file of a turn as agents are shown it. <paramref name="Url"/> is a fresh signed link to Xiaoshen's own copy; null for
/// anything else, which is shown as <paramref name="Text"/> only (the URL the person's client sent, never followed).
/// <paramref name="Transcript"/> holds the words recognised in a voice message, shown under its player.
/// </summary>
public sealed record ShownAttachment(string Name, string ContentType, string? Url, string? Text, string? Transcript = null)
{
    public bool IsImage => Url is not null && ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);

    public bool IsAudio => Url is not null && ContentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase);

    public bool IsVideo => Url is not null && ContentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase);
}
