using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Many concurrent web chat conversations, each holding a Direct Line WebSocket stream open on loopback, against the real
/// service; while they are all connected, a bounded number of messages is posted and the time until the reply arrives
/// on the sender's own stream is measured. Reports connections held, server memory and reply latency.
/// </summary>
internal static class WebSocketLoadRun
{
    private const string Secret = "load-run-secret";

    public static async Task RunAsync(TextWriter output, int connections, int messages, int concurrency)
    {
        // Every connection comes from loopback here, so the per-address stream limit (meant for one client) is lifted.
        using var service = await ServiceHost.StartAsync(("DirectLine:Secret", Secret), ("DirectLine:ActivitiesKept", "50"), ("DirectLine:MaxStreamsPerAddress", "1000000"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(60) };
        var baseUrl = service.BaseUrl;
        var memoryBefore = service.ResidentMegabytes();
        Console.Error.WriteLine($"service up at {baseUrl}, {memoryBefore:0} MB; connecting {connections} streams");

        var clients = new List<DirectLineLoadClient>(connections);
        var connect = Stopwatch.StartNew();
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, token) =>
        {
            try
            {
                var client = await DirectLineLoadClient.OpenAsync(http, baseUrl, Secret, token);
                lock (clients)
                {
                    clients.Add(client);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
        });
        connect.Stop();
        Console.Error.WriteLine($"connected {clients.Count} ({failed} failed) in {connect.Elapsed.TotalSeconds:0.0} s; sending {messages} messages");
        await Task.Delay(1000);
        var memoryHeld = service.ResidentMegabytes();

        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var timeouts = 0;
        var run = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                var client = clients[i % clients.Count];
                var latency = await client.AskAsync(http, BenchmarkKnowledge.Questions[i % BenchmarkKnowledge.Questions.Length]);
                if (latency is { } ms)
                {
                    latencies.Add(ms);
                }
                else
                {
                    Interlocked.Increment(ref timeouts);
                }
            }
        }));
        run.Stop();
        var open = clients.Count(c => c.IsOpen);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var sorted = latencies.Order().ToArray();
        output.WriteLine("| connections asked | held open | failed to connect | connect s | server RSS MB before / holding | messages | timeouts | throughput msg/s | reply p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {connections} | {open} | {failed} | {connect.Elapsed.TotalSeconds:0.0} | {memoryBefore:0} / {memoryHeld:0} | {sorted.Length} | {timeouts} | {sorted.Length / run.Elapsed.TotalSeconds:0} | {sorted[sorted.Length / 2]:0.0} | {sorted[(int)(sorted.Length * 0.99)]:0.0} | {sorted[^1]:0.0} |"));
    }
}
