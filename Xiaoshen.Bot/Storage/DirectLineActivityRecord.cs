namespace Xiaoshen.Bot.Storage;

/// <summary>One activity of a Direct Line conversation's log, so web chat history survives a restart.</summary>
public sealed class DirectLineActivityRecord
{
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>Position in the log (the watermark before it).</summary>
    public int Sequence { get; set; }

    /// <summary>The activity as the channel sent it (Bot Framework schema).</summary>
    public string Json { get; set; } = "{}";

    public DateTimeOffset At { get; set; }
}
