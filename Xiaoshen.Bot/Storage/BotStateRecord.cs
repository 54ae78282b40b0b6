namespace Xiaoshen.Bot.Storage;

/// <summary>One Bot Framework state document (conversation state), stored as JSON.</summary>
public sealed class BotStateRecord
{
    public string Key { get; set; } = string.Empty;

    public string Json { get; set; } = "{}";

    public string ETag { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}
