namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// Wake-up calls between the nodes of one deployment: "the handoff of conversation X changed", "Direct Line conversation
/// Y has activities up to watermark W". A notice is never the data: a subscriber that hears one reads what changed from
/// the database, and one that missed notices catches up from the database by its own watermark. In memory on one node;
/// Redis pub/sub when several nodes run. Implementations are thread-safe and deliver a node's own notices to it as well.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Tells every node, this one included. Never throws for a lost connection: a notice may be lost, data may not.</summary>
    Task PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> for every notice of <paramref name="topic"/>; the handler must not block. Dispose to stop.</summary>
    IDisposable Subscribe(string topic, Action<ChangeNotice> handler);
}
