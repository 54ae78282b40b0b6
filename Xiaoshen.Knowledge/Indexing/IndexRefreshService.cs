using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Indexing;

/// <summary>
/// Builds the index before the host starts serving, then watches the content folder: after a quiet period following a
/// change (or when the periodic hash check sees one) it rebuilds in the background and swaps. Invalid content is logged
/// and the last good build keeps serving.
/// </summary>
internal sealed partial class IndexRefreshService(
    KnowledgeIndexer indexer,
    IOptions<KnowledgeOptions> options,
    ILogger<IndexRefreshService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);
    private FileSystemWatcher? _watcher;

    // The content warnings of the last load: the periodic check reloads the content every few seconds.
    private HashSet<string> _warned = new(StringComparer.Ordinal);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var result = await indexer.RefreshAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        LogProblems(result);
        if (indexer.LastFailure is not null && !HasBuild())
        {
            throw new InvalidOperationException(
                $"The knowledge base in '{Path.GetFullPath(options.Value.ContentPath)}' is invalid and no earlier build exists: {indexer.LastFailure}");
        }

        if (options.Value.WatchContent)
        {
            _watcher = new FileSystemWatcher(options.Value.ContentPath)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += OnChanged;
            _watcher.Created += OnChanged;
            _watcher.Deleted += OnChanged;
            _watcher.Renamed += OnChanged;
            _watcher.EnableRaisingEvents = true;
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WatchContent)
        {
            return;
        }

        // Editors will change the content: a service that started on its stored build compiles the build code now, on a
        // slice of the content, rather than during their first change (KnowledgeIndexer.WarmUpAsync).
        try
        {
            await Task.Run(() => indexer.WarmUpAsync(stoppingToken), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogWarmUpFailed(ex);
        }

        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        var quiet = TimeSpan.FromMilliseconds(options.Value.RebuildDelayMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(poll, stoppingToken).ConfigureAwait(false);

                // Wait until editors (or git) stop writing, so a multi-file change builds once.
                while (await _changed.WaitAsync(quiet, stoppingToken).ConfigureAwait(false))
                {
                }

                LogProblems(await indexer.RefreshAsync(cancellationToken: stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever failed (the disk, the index folder, training), the last good build keeps serving and the next
                // change or periodic check tries again: an exception that left this loop would stop the whole host.
                LogRefreshFailed(ex);
            }
        }
    }

    private bool HasBuild() => indexer.Search.IsReady;

    private void OnChanged(object sender, FileSystemEventArgs e) => _changed.Release();

    // A warning is logged when it appears, not at every periodic check (every PollSeconds) while it stays: an unchanged
    // content folder logged its warnings twice a minute, day and night. One that goes and comes back is logged again.
    private void LogProblems(ContentLoadResult result)
    {
        var warnings = result.Problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => p.ToString()).ToList();
        foreach (var warning in warnings.Where(w => !_warned.Contains(w)).Take(20))
        {
            LogContentWarning(warning);
        }

        _warned = warnings.ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the build code failed; the first rebuild will compile it")]
    private partial void LogWarmUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content warning: {Problem}")]
    private partial void LogContentWarning(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Index refresh failed; the current build keeps serving")]
    private partial void LogRefreshFailed(Exception exception);
}
