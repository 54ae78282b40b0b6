using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Evaluation;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>
/// The build report: when a build starts serving, its figures on the configured evaluation sets are measured with the
/// engine's own <see cref="EvalRunner"/> and stored per build id and set (once per deployment: a build already measured,
/// by this node or another, is skipped). A rebuild during a measurement discards it; the new build is measured next.
/// </summary>
internal sealed partial class BuildEvaluations(
    KnowledgeSearch search,
    IServiceScopeFactory scopes,
    IOptions<KnowledgeOptions> knowledge,
    IOptions<KnowledgeAdminOptions> options,
    TimeProvider timeProvider,
    ILogger<BuildEvaluations> logger) : BackgroundService
{
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

    /// <summary>Measures the serving build on the sets not measured yet for it (by any node).</summary>
    internal async Task MeasureServingBuildAsync(CancellationToken cancellationToken)
    {
        if (!search.IsReady)
        {
            return;
        }

        var buildId = search.Build.Id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var measured = await db.BuildEvaluations.AsNoTracking().Where(e => e.BuildId == buildId).Select(e => e.Set).ToListAsync(cancellationToken);
        foreach (var set in options.Value.EvaluationSets.Except(measured, StringComparer.Ordinal))
        {
            var file = Path.Combine(knowledge.Value.ContentPath, set);
            if (!File.Exists(file))
            {
                continue;
            }

            var questions = await EvalQuestionReader.ReadAsync(file, cancellationToken);
            var stopwatch = Stopwatch.StartNew();
            var (report, _) = await EvalRunner.RunAsync(search, questions, rest: RestAsync, cancellationToken: cancellationToken);
            if (report.Index.Build != buildId || search.Build.Id != buildId)
            {
                return; // swapped while measuring: the figures mix two builds
            }

            // Nodes serving the same content have the same build id and measure it at the same time: the first row stays.
            if (await RowInserts.InsertIfAbsentAsync(db, BuildEvaluation.Of(buildId, set, timeProvider.GetUtcNow(), report, stopwatch.ElapsedMilliseconds), cancellationToken))
            {
                LogMeasured(buildId, set, questions.Count, stopwatch.ElapsedMilliseconds);
            }
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
