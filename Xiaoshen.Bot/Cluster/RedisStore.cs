using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// The connection to the deployment's Redis and the names of its keys and channels (all under
/// <see cref="RedisOptions.KeyPrefix"/>). Connects on first use and reconnects by itself, so a node starts while Redis
/// restarts; <c>/health</c> reports it unreachable meanwhile. Singleton; disposes the connection.
/// </summary>
public sealed class RedisStore(IOptions<RedisOptions> options) : IDisposable
{
    // Deletes a key only while it still holds the caller's value: releasing a lock, dropping a token that was replaced.
    private const string DeleteIfHoldsScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => Connect(options.Value));

    public IDatabase Database => _connection.Value.GetDatabase();

    /// <summary>
    /// True for Redis failing to answer: a connection or server error, or a timeout (<see cref="RedisTimeoutException"/> is a
    /// <see cref="TimeoutException"/>, not a <see cref="RedisException"/>). Callers fall back to what they last knew.
    /// </summary>
    public static bool IsUnreachable(Exception exception) => exception is RedisException or RedisTimeoutException;

    public ISubscriber Subscriber => _connection.Value.GetSubscriber();

    public bool IsConnected => _connection.Value.IsConnected;

    public RedisKey Key(string name) => options.Value.KeyPrefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(options.Value.KeyPrefix + name);

    /// <summary>Deletes <paramref name="key"/> if it still holds <paramref name="value"/>; true when it did.</summary>
    public async Task<bool> DeleteIfHoldsAsync(RedisKey key, string value) =>
        (long)await Database.ScriptEvaluateAsync(DeleteIfHoldsScript, [key], [value]) == 1;

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }

    private static ConnectionMultiplexer Connect(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);

        // Keep trying in the background instead of failing the first caller: Redis may start after this node.
        configuration.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(configuration);
    }
}
