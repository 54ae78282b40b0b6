using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.KnowledgeAdmin;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge.Search;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: nodes serving the same content have the same build id, so each measures the new build for the editors'
/// build report at the same moment. Both finish without an error, and the report keeps one row per build and set; with
/// Redis (the deployment's shared counter) only one of them spends the CPU on measuring.
/// Two in-process hosts on one SQLite file, or on one PostgreSQL database; the background measuring is off, the test
/// runs one measurement on each node at once, on a clock in Beijing time as the service's clock may be (PostgreSQL takes
/// only UTC moments).
/// </summary>
public sealed class BuildEvaluationNodesTests
{
    [RedisFact]
    public async Task WithRedisOnlyOneOfTwoNodesMeasuresTheBuild()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = Node(deployment.Join(new BotApiFactory()));
        using var nodeB = Node(deployment.Join(BotApiFactory.On(nodeA.Content)));

        var measuredBy = await MeasuredOnceAsync(nodeA, nodeB);

        Assert.Equal([0, 1], measuredBy.Order());
    }

    [Fact]
    public async Task TwoNodesMeasuringTheSameBuildAtOnceKeepOneRowOnOneSqliteFile()
    {
        using var nodeA = Node(new BotApiFactory());
        using var nodeB = Node(BotApiFactory.On(nodeA.Content));
        await MeasuredOnceAsync(nodeA, nodeB);
    }

    [PostgresFact]
    public async Task TwoNodesMeasuringTheSameBuildAtOnceKeepOneRowOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(database.Host());
        using var nodeB = Node(database.Host(nodeA.Content));
        await MeasuredOnceAsync(nodeA, nodeB);
    }

    // The sets each node measured itself.
    private static async Task<int[]> MeasuredOnceAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var measurers = new[] { nodeA, nodeB }.Select(n => n.Services.GetServices<IHostedService>().OfType<BuildEvaluations>().Single()).ToList();
        var searches = new[] { nodeA, nodeB }.Select(n => n.Services.GetRequiredService<KnowledgeSearch>()).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(searches.All(s => s.IsReady)), "the knowledge base never became ready");
        Assert.Equal(searches[0].Build.Id, searches[1].Build.Id);

        var measuredBy = await Task.WhenAll(measurers.Select(m => m.MeasureServingBuildAsync(CancellationToken.None)));

        using var scope = nodeA.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().BuildEvaluations.AsNoTracking().ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal((searches[0].Build.Id, "eval/dev.jsonl"), (row.BuildId, row.Set));
        Assert.True(row.Questions > 0);
        return measuredBy;
    }

    private static BotApiFactory Node(BotApiFactory host) => host
        .WithServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)))))
        .WithSetting("KnowledgeAdmin:EvaluateBuilds", "false")
        .WithSetting("KnowledgeAdmin:EvaluationSets:0", "eval/dev.jsonl")
        .WithSetting("KnowledgeAdmin:EvaluationSets:1", "eval/dev.jsonl")
        .WithSetting("KnowledgeAdmin:EvaluationSets:2", "eval/dev.jsonl")
        .WithSetting("KnowledgeAdmin:EvaluationSets:3", "eval/dev.jsonl");
}
