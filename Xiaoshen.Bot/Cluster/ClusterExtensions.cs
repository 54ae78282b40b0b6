namespace Xiaoshen.Bot.Cluster;

/// <summary>What nodes of one deployment share besides the database: the change feed (and, with Redis, presence and locks).</summary>
internal static class ClusterExtensions
{
    public static IHostApplicationBuilder AddCluster(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IChangeFeed, InMemoryChangeFeed>();
        return builder;
    }
}
