namespace Xiaoshen.Bot.Cluster;

/// <summary>One wake-up call of an <see cref="IChangeFeed"/>.</summary>
/// <param name="Topic">What kind of thing changed: <see cref="ChangeTopics"/>.</param>
/// <param name="Key">Which one (a conversation id), or empty for "something in this topic".</param>
/// <param name="Position">Where it now stands, when the topic has positions (a Direct Line watermark); else 0.</param>
/// <param name="Detail">A short tag the subscriber may use (a handoff change kind); never personal data.</param>
public sealed record ChangeNotice(string Topic, string Key, long Position = 0, string? Detail = null);

/// <summary>The topics in use.</summary>
public static class ChangeTopics
{
    /// <summary>Queues, assignments, messages and presence of human handoff; the key is the conversation id or empty.</summary>
    public const string Handoff = "handoff";

    /// <summary>New Direct Line activities; the key is the Direct Line conversation id, the position its watermark.</summary>
    public const string DirectLine = "directline";

    /// <summary>Call-back tickets changed.</summary>
    public const string Tickets = "tickets";
}
