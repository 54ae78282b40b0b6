using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Evaluation;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>
/// The build report: when a build starts serving, its figures on the configured evaluation sets are measured with the
/// engine's own <see cref="EvalRunner"/> and stored per build id and set (once per deployment: a build already measured,
/// by this node or another, is skipped). With several nodes one of them measures a build: it holds the build's place under
/// <see cref="ILimitCounter"/> while it measures, and the others leave it alone unless that place lapses (a node killed
/// while measuring). A rebuild during a measurement discards it; the new build is measured next.
/// </summary>
internal sealed partial class BuildEvaluations(
    KnowledgeSearch search,
    IServiceScopeFactory scopes,
    IOptions<KnowledgeOptions> knowledge,
    IOptions<KnowledgeAdminOptions> options,
    ILimitCounter counter,
    TimeProvider timeProvider,
    ILogger<BuildEvaluations> logger) : BackgroundService
{
    // How long a measuring node's place lasts unless renewed; it renews after each question, every third of it.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private readonly string _holder = Guid.NewGuid().ToString("N");

    /// <summary>The last builds measured, newest first, each with its figures per set.</summary>
    public async Task<IReadOnlyList<BuildEvaluation>> RecentAsync(int builds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var rows = await db.BuildEvaluations.AsNoTracking().ToListAsync(cancellationToken);
        var recent = rows.GroupBy(r => r.BuildId).OrderByDescending(g => g.Min(r => r.At)).Take(builds).SelectMany(g => g).ToHashSet();
        return rows.Where(recent.Contains).OrderByDescending(r => r.At).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EvaluateBuilds)
        {
            return;
        }

        // Looking for a new serving build is a machine's poll, not a business timer, so it runs on the system clock:
        // a PeriodicTimer on the service's clock fires once per period skipped when that clock jumps (a month ahead is
        // half a million measurements at once; the retention tests' fake clock hung the suite that way).
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.EvaluationPollSeconds), TimeProvider.System);

        // The report is for editors; whatever fails (a file, the database, a bug), the node keeps serving and the next
        // check tries again.
        await BackgroundPass.RepeatAsync(timer, MeasureServingBuildAsync, LogFailed, stoppingToken);
    }

    /// <summary>
    /// Measures the serving build on the sets not measured yet for it (by any node); returns how many sets this node
    /// measured (none when another node holds the build's place).
    /// </summary>
    internal async Task<int> MeasureServingBuildAsync(CancellationToken cancellationToken)
    {
        if (!search.IsReady)
        {
            return 0;
        }

        var buildId = search.Build.Id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        async Task<List<string>> UnmeasuredAsync()
        {
            var measured = await db.BuildEvaluations.AsNoTracking().Where(e => e.BuildId == buildId).Select(e => e.Set).ToListAsync(cancellationToken);
            return options.Value.EvaluationSets.Except(measured, StringComparer.Ordinal)
                .Where(set => File.Exists(Path.Combine(knowledge.Value.ContentPath, set))).ToList();
        }

        string[] place = ["build-evaluation:" + buildId];
        if ((await UnmeasuredAsync()).Count == 0 || !await counter.TryHoldAsync(_holder, [new HeldPlace(place[0], 1)], Lease, cancellationToken))
        {
            return 0;
        }

        var renewed = Stopwatch.StartNew();
        async Task RestAndRenewAsync(TimeSpan took, CancellationToken c)
        {
            await RestAsync(took, c);
            if (renewed.Elapsed >= Lease / 3)
            {
                await counter.RenewAsync(_holder, place, Lease, c);
                renewed.Restart();
            }
        }

        try
        {
            // Read again under the place: a node that held it until a moment ago has stored its figures.
            var count = 0;
            foreach (var set in await UnmeasuredAsync())
            {
                var questions = await EvalQuestionReader.ReadAsync(Path.Combine(knowledge.Value.ContentPath, set), cancellationToken);
                var stopwatch = Stopwatch.StartNew();
                var (report, _) = await EvalRunner.RunAsync(search, questions, rest: RestAndRenewAsync, cancellationToken: cancellationToken);
                if (report.Index.Build != buildId || search.Build.Id != buildId)
                {
                    return count; // swapped while measuring: the figures mix two builds
                }

                // A node whose place lapsed (paused longer than the lease) may have measured the set beside another: the first row stays.
                count++;
                if (await RowInserts.InsertIfAbsentAsync(db, BuildEvaluation.Of(buildId, set, timeProvider.GetUtcNow(), report, stopwatch.ElapsedMilliseconds), cancellationToken))
                {
                    LogMeasured(buildId, set, questions.Count, stopwatch.ElapsedMilliseconds);
                }
            }

            return count;
        }
        finally
        {
            await counter.ReleaseAsync(_holder, place, CancellationToken.None);
        }
    }

    // After a question that took t, a rest of t × (1 / share − 1): the measurement uses at most that share of one core,
    // so a node that just swapped in a build answers its citizens as quickly while it measures (on the system clock,
    // like the poll: it paces the machine's work).
    private Task RestAsync(TimeSpan took, CancellationToken cancellationToken) =>
        options.Value.EvaluationShare >= 1
            ? Task.CompletedTask
            : Task.Delay(took * (1 / options.Value.EvaluationShare - 1), TimeProvider.System, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Build {BuildId} measured on {Set} ({Questions} questions) in {ElapsedMs} ms")]
    private partial void LogMeasured(string buildId, string set, int questions, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Measuring the serving build failed; it is tried again at the next check")]
    private partial void LogFailed(Exception exception);
}
