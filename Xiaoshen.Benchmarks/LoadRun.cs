using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Many concurrent Bot Framework clients POSTing expectReplies turns on loopback, against (a) the real Xiaoshen service
/// (search, decision, state, transcript write on SQLite) started from its build output, and (b) a bare echo
/// ActivityHandler on the same CloudAdapter in this process. Bounded: a fixed number of requests per target.
/// </summary>
internal static class LoadRun
{
    public static async Task RunAsync(TextWriter output, int concurrency, int requests)
    {
        var echoPort = FreePort();
        await using var echo = await StartEchoAsync(echoPort);
        using var bot = await ServiceHost.StartAsync();
        var botPort = bot.Port;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(60) };

        output.WriteLine($"concurrency {concurrency}, {requests} turns per target, questions: {BenchmarkKnowledge.Questions.Length} colloquial questions in rotation");
        output.WriteLine();
        output.WriteLine("| target | turns | errors | throughput turns/s | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        var results = new List<(string Name, double Throughput, double P50)>();
        foreach (var (name, port) in new[] { ("echo ActivityHandler", echoPort), ("Xiaoshen full turn", botPort) })
        {
            // Warm up until tiered JIT has optimised the hot paths (the full turn has far more code than the echo).
            await DriveAsync(http, port, concurrency, Math.Max(requests, 3000));
            var (latencies, errors, elapsed) = await DriveAsync(http, port, concurrency, requests);
            Array.Sort(latencies);
            var throughput = latencies.Length / elapsed.TotalSeconds;
            var p50 = latencies[latencies.Length / 2];
            results.Add((name, throughput, p50));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {latencies.Length} | {errors} | {throughput:0} | {p50:0.00} | {latencies[(int)(latencies.Length * 0.99)]:0.00} | {latencies[^1]:0.00} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Xiaoshen / echo: throughput {results[1].Throughput / results[0].Throughput:0.00}×, p50 {results[1].P50 / results[0].P50:0.00}×"));
    }

    internal static Task<(double[] Latencies, int Errors, TimeSpan Elapsed)> DriveAsync(HttpClient http, int port, int concurrency, int requests) =>
        DriveAsync(http, [port], concurrency, requests);

    /// <summary>
    /// The same load spread over the nodes of one deployment as a load balancer without affinity would: turn i goes to
    /// node i mod n, so one conversation's turns alternate between nodes.
    /// </summary>
    internal static async Task<(double[] Latencies, int Errors, TimeSpan Elapsed)> DriveAsync(HttpClient http, int[] ports, int concurrency, int requests)
    {
        var port = string.Join('-', ports);
        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async client =>
        {
            var conversation = $"load-{port}-{client}-{Guid.NewGuid():N}";
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var activity = new JsonObject
                {
                    ["type"] = "message",
                    ["id"] = Guid.NewGuid().ToString("N"),
                    ["channelId"] = "emulator",
                    ["serviceUrl"] = "http://127.0.0.1:9/",
                    ["deliveryMode"] = "expectReplies",
                    ["conversation"] = new JsonObject { ["id"] = conversation },
                    ["from"] = new JsonObject { ["id"] = $"user-{client}" },
                    ["recipient"] = new JsonObject { ["id"] = "bot" },
                    ["text"] = BenchmarkKnowledge.Questions[i % BenchmarkKnowledge.Questions.Length],
                };
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync($"http://127.0.0.1:{ports[i % ports.Length]}/api/messages", activity);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return (latencies, errors, stopwatch.Elapsed);
    }

    private static async Task<WebApplication> StartEchoAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<BotFrameworkAuthentication>(new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build()));
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(s => new CloudAdapter(s.GetRequiredService<BotFrameworkAuthentication>(), NullLogger<CloudAdapter>.Instance));
        builder.Services.AddSingleton<IBot, EchoBot>();
        var app = builder.Build();
        app.MapPost("/api/messages", async (Microsoft.AspNetCore.Http.HttpContext context, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            await adapter.ProcessAsync(context.Request, context.Response, bot));
        await app.StartAsync();
        return app;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text(turnContext.Activity.Text), cancellationToken);
    }
}
