using System.Data.Common;
using System.Globalization;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Turn throughput of one node on SQLite and on PostgreSQL (issue 13): the same full Xiaoshen turns as
/// <see cref="LoadRun"/> (search, decision, dialog state, transcript, each turn's commit awaited before its answer),
/// against the Release build started once per provider. PostgreSQL is the server of <c>XIAOSHEN_TEST_POSTGRES</c>; the
/// service creates a database of its own there (its name is printed, to drop afterwards).
/// </summary>
internal static class StorageRun
{
    public static async Task RunAsync(TextWriter output, int concurrency, int requests)
    {
        var server = Environment.GetEnvironmentVariable("XIAOSHEN_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set XIAOSHEN_TEST_POSTGRES to a PostgreSQL server's connection string.");
        var database = "xiaoshen_bench_" + Guid.NewGuid().ToString("N")[..12];
        var postgres = new DbConnectionStringBuilder { ConnectionString = server };
        postgres["Database"] = database;

        output.WriteLine($"concurrency {concurrency}, {requests} turns per provider after a warm-up of {Math.Max(requests, 3000)}; PostgreSQL database {database}");
        output.WriteLine();
        output.WriteLine("| storage | turns | errors | throughput turns/s | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        var results = new List<double>();
        foreach (var (name, settings) in new[]
        {
            ("SQLite", Array.Empty<(string, string)>()),
            ("PostgreSQL", new[] { ("Storage:Provider", "Postgres"), ("ConnectionStrings:Xiaoshen", postgres.ConnectionString) }),
        })
        {
            using var bot = await ServiceHost.StartAsync(settings);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(60) };
            await LoadRun.DriveAsync(http, bot.Port, concurrency, Math.Max(requests, 3000));
            var (latencies, errors, elapsed) = await LoadRun.DriveAsync(http, bot.Port, concurrency, requests);
            Array.Sort(latencies);
            var throughput = latencies.Length / elapsed.TotalSeconds;
            results.Add(throughput);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {latencies.Length} | {errors} | {throughput:0} | {latencies[latencies.Length / 2]:0.00} | {latencies[(int)(latencies.Length * 0.99)]:0.00} | {latencies[^1]:0.00} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL / SQLite throughput: {results[1] / results[0]:0.00}×"));
    }
}
