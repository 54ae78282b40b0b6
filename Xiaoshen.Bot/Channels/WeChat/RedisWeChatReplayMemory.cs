using StackExchange.Redis;
using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Replay memory shared by several nodes: one Redis string per key, set only if absent, with the lifetime as TTL. When
/// Redis is unreachable a push counts as new (answering twice beats losing a citizen's message). Singleton.
/// </summary>
public sealed class RedisWeChatReplayMemory(RedisStore redis, ILogger<RedisWeChatReplayMemory> logger) : IWeChatReplayMemory
{
    // SET NX that also says what was there: atomic, and on any Redis version (SET … NX GET needs 7.0).
    private const string RememberScript =
        "local known = redis.call('GET', KEYS[1]) if known then return known end redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return false";

    public async Task<string?> RememberAsync(WeChatReplayKind kind, string key, string value, TimeSpan keep)
    {
        try
        {
            var known = await redis.Database.ScriptEvaluateAsync(
                RememberScript,
                [redis.Key($"wechat-replay:{kind}:{key}")],
                [value, (long)Math.Max(1, keep.TotalMilliseconds)]);
            return known.IsNull ? null : known.ToString();
        }
        catch (Exception ex) when (RedisStore.IsUnreachable(ex))
        {
            WeChatLog.ReplayMemoryUnreachable(logger, ex);
            return null;
        }
    }
}
