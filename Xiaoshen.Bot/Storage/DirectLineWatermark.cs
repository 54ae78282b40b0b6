namespace Xiaoshen.Bot.Storage;

/// <summary>The next watermark of a Direct Line conversation's log, handed out by the database (<see cref="DatabaseNumbers"/>).</summary>
public sealed class DirectLineWatermark
{
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>The watermark the next activity gets.</summary>
    public int Next { get; set; }
}
