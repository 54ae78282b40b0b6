using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

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
        using var logging = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Xiaoshen.Knowledge", LogLevel.Debug)
            .SetMinimumLevel(LogLevel.Warning));
        var logger = logging.CreateLogger<Knowledge.Indexing.KnowledgeIndexer>();
        var process = Process.GetCurrentProcess();
        output.WriteLine("| rebuild | wall s | CPU s (user + sys) | allocated MB | load average |");
        output.WriteLine("|---:|---:|---:|---:|---|");
        for (var i = 1; i <= rebuilds; i++)
        {
            var folder = BenchmarkKnowledge.TempFolder("rebuild");
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var wall = Stopwatch.StartNew();
            using (await BenchmarkKnowledge.BuildAsync(folder, logger))
            {
                wall.Stop();
            }

            process.Refresh();
            var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {i} | {wall.Elapsed.TotalSeconds:0.00} | {(process.TotalProcessorTime - cpu).TotalSeconds:0.00} | {megabytes:0} | {ReportsRun.LoadAverage()} |"));
            if (keep is not null && i == rebuilds)
            {
                Directory.Move(Directory.GetDirectories(folder).Single(), keep);
            }

            Directory.Delete(folder, recursive: true);
        }
    }
}
