using System.Text.Json;
using StackExchange.Redis;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// The change feed of several nodes: a notice goes to this node's subscribers at once and to the other nodes over one
/// Redis pub/sub channel. Pub/sub delivers at most once, which is enough for wake-up calls: a subscriber that missed one
/// catches up from the database. A lost connection loses notices to other nodes, never this node's own. Singleton.
/// </summary>
public sealed partial class RedisChangeFeed : IChangeFeed, IDisposable
{
    private const string ChannelName = "changes";

    private readonly RedisStore _redis;
    private readonly ILogger<RedisChangeFeed> _logger;
    private readonly InMemoryChangeFeed _local = new();
    private readonly RedisChannel _channel;

    // Tells this node's own notices from the others' when they come back over the channel.
    private readonly string _node = Guid.NewGuid().ToString("N");

    public RedisChangeFeed(RedisStore redis, ILogger<RedisChangeFeed> logger)
    {
        _redis = redis;
        _logger = logger;
        _channel = redis.Channel(ChannelName);
        try
        {
            // The multiplexer subscribes again by itself after a reconnect.
            redis.Subscriber.Subscribe(_channel, (_, message) => Received(message));
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
        }
    }

    public async Task PublishAsync(ChangeNotice notice, CancellationToken cancellationToken = default)
    {
        _local.Deliver(notice);
        try
        {
            await _redis.Subscriber.PublishAsync(_channel, JsonSerializer.Serialize(new Envelope(_node, notice)));
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
        }
    }

    public IDisposable Subscribe(string topic, Action<ChangeNotice> handler) => _local.Subscribe(topic, handler);

    public void Dispose()
    {
        try
        {
            _redis.Subscriber.Unsubscribe(_channel);
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            LogUnreachable(ex);
        }
    }

    private void Received(RedisValue message)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
        }
        catch (JsonException ex)
        {
            LogMalformed(ex);
            return;
        }

        if (envelope is { Notice: { } notice } && envelope.Node != _node)
        {
            _local.Deliver(notice);
        }
    }

    private sealed record Envelope(string Node, ChangeNotice Notice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: change notices do not reach the other nodes")]
    private partial void LogUnreachable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change notice from Redis could not be read and was ignored")]
    private partial void LogMalformed(Exception exception);
}
