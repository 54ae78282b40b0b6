using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// What the nodes of one deployment share besides the database. Without <c>Redis:Configuration</c> one node runs and
/// everything here stays in memory; with it the change feed, the shared cache, the turn lock and the limit counter go through Redis (presence, WeChat
/// de-duplication and the key ring choose their Redis side in their own features, by <see cref="UsesRedis"/>).
/// </summary>
internal static class ClusterExtensions
{
    public static IHostApplicationBuilder AddCluster(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !o.IsConfigured || Parses(o.Configuration), "Redis:Configuration is not a valid StackExchange.Redis configuration string.")
            .ValidateOnStart();
        if (!builder.UsesRedis())
        {
            builder.Services.AddSingleton<IChangeFeed, InMemoryChangeFeed>();
            builder.Services.AddSingleton<ISharedCache, InMemorySharedCache>();
            builder.Services.AddSingleton<ITurnLock, InMemoryTurnLock>();
            builder.Services.AddSingleton<ILimitCounter, InMemoryLimitCounter>();
            return builder;
        }

        builder.Services.AddSingleton<RedisStore>();
        builder.Services.AddSingleton<IChangeFeed, RedisChangeFeed>();
        builder.Services.AddSingleton<ISharedCache, RedisSharedCache>();
        builder.Services.AddSingleton<ITurnLock, RedisTurnLock>();
        builder.Services.AddSingleton<ILimitCounter, RedisLimitCounter>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return builder;
    }

    /// <summary>True when <c>Redis:Configuration</c> is set: several nodes may run, and what they share goes through Redis.</summary>
    public static bool UsesRedis(this IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.Configuration[RedisOptions.SectionName + ":" + nameof(RedisOptions.Configuration)]);

    private static bool Parses(string configuration)
    {
        try
        {
            StackExchange.Redis.ConfigurationOptions.Parse(configuration);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
