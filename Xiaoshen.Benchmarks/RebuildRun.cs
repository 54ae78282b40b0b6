using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Full rebuilds (load, index, training, calibration, save) one after another in one process, as the service does them,
/// with each rebuild's wall time, the process's CPU time (user + system) over it and its allocations, and the build's
/// own per-step timings (Debug log) on standard error. The first rebuild includes JIT compilation. With
/// <c>keep</c>, the last rebuild's folder is kept there, to compare its models with another build's.
/// </summary>
internal static class RebuildRun
{
    public static async Task RunAsync(TextWriter output, int rebuilds, string? keep)
    {
        using var logging = Logging();
        var logger = logging.CreateLogger<KnowledgeIndexer>();
        var rows = new Rows(output);
        for (var i = 1; i <= rebuilds; i++)
        {
            var folder = BenchmarkKnowledge.TempFolder("rebuild");
            await rows.MeasureAsync(i.ToString(CultureInfo.InvariantCulture), async () =>
            {
                using (await BenchmarkKnowledge.BuildAsync(folder, logger))
                {
                }
            });
            if (keep is not null && i == rebuilds)
            {
                Directory.Move(Directory.GetDirectories(folder).Single(), keep);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// An editor's rebuilds in a service that started on its stored build, as <c>KnowledgeIndexer</c> does it: open the
    /// build stored in <paramref name="indexFolder"/> (or build it, the first time), warm the build code up (unless
    /// <paramref name="warmUp"/> is false, to compare), then <paramref name="rebuilds"/> forced rebuilds. Run it twice:
    /// the second run starts on the stored build.
    /// </summary>
    public static async Task RunAfterStartAsync(TextWriter output, int rebuilds, string indexFolder, bool warmUp)
    {
        using var logging = Logging();
        var search = new KnowledgeSearch(TimeProvider.System);
        var options = Options.Create(new KnowledgeOptions { ContentPath = BenchmarkKnowledge.FindContent(), IndexPath = Path.GetFullPath(indexFolder), WatchContent = false });
        var indexer = new KnowledgeIndexer(options, search, TimeProvider.System, logging.CreateLogger<KnowledgeIndexer>());
        var rows = new Rows(output);
        await rows.MeasureAsync("start", () => indexer.RefreshAsync());
        if (warmUp)
        {
            await rows.MeasureAsync("warm-up", () => indexer.WarmUpAsync());
        }

        for (var i = 1; i <= rebuilds; i++)
        {
            await rows.MeasureAsync(i.ToString(CultureInfo.InvariantCulture), () => indexer.RefreshAsync(force: true));
        }

        search.Dispose();
    }

    private static ILoggerFactory Logging() => LoggerFactory.Create(b => b
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddFilter("Xiaoshen.Knowledge", LogLevel.Debug)
        .SetMinimumLevel(LogLevel.Warning));

    private sealed class Rows
    {
        private readonly TextWriter _output;
        private readonly Process _process = Process.GetCurrentProcess();

        public Rows(TextWriter output)
        {
            _output = output;
            output.WriteLine("| rebuild | wall s | CPU s (user + sys) | allocated MB | load average |");
            output.WriteLine("|---|---:|---:|---:|---|");
        }

        public async Task MeasureAsync(string label, Func<Task> work)
        {
            _process.Refresh();
            var cpu = _process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var wall = Stopwatch.StartNew();
            await work();
            wall.Stop();
            _process.Refresh();
            var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024);
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {wall.Elapsed.TotalSeconds:0.00} | {(_process.TotalProcessorTime - cpu).TotalSeconds:0.00} | {megabytes:0} | {ReportsRun.LoadAverage()} |"));
        }
    }
}
