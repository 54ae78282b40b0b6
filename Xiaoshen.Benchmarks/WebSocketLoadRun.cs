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
        using var service = await ServiceHost.StartAsync(("DirectLine:Secret", Secret), ("DirectLine:ActivitiesKept", "50"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(60) };
        var baseUrl = service.BaseUrl;
        var memoryBefore = service.ResidentMegabytes();
        Console.Error.WriteLine($"service up at {baseUrl}, {memoryBefore:0} MB; connecting {connections} streams");

        var clients = new List<Client>(connections);
        var connect = Stopwatch.StartNew();
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, token) =>
        {
            try
            {
                var client = await Client.OpenAsync(http, baseUrl, token);
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

    private sealed class Client : IDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTime>> _waiting = new();
        private string _conversation = string.Empty;
        private string _token = string.Empty;
        private string _baseUrl = string.Empty;

        public bool IsOpen => _socket.State == WebSocketState.Open;

        public static async Task<Client> OpenAsync(HttpClient http, string baseUrl, CancellationToken cancellationToken)
        {
            var client = new Client();
            using var generate = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v3/directline/tokens/generate");
            generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
            var token = (await (await http.SendAsync(generate, cancellationToken)).Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString()!;
            using var start = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v3/directline/conversations");
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = await (await http.SendAsync(start, cancellationToken)).Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            client._token = token;
            client._baseUrl = baseUrl;
            client._conversation = started.GetProperty("conversationId").GetString()!;
            client._socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
            await client._socket.ConnectAsync(new Uri(started.GetProperty("streamUrl").GetString()!), cancellationToken);
            _ = client.ReceiveLoopAsync();
            return client;
        }

        /// <summary>Posts a message and waits for the bot's reply to it on this client's stream; null after 30 s.</summary>
        public async Task<double?> AskAsync(HttpClient http, string text)
        {
            var started = Stopwatch.GetTimestamp();
            var id = $"load-{Guid.NewGuid():N}";
            var waiter = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[id] = waiter;
            var activity = new { type = "message", text, from = new { id = "load-user" }, channelData = new { clientActivityID = id } };
            using var post = new HttpRequestMessage(HttpMethod.Post, _baseUrl + $"/v3/directline/conversations/{_conversation}/activities") { Content = JsonContent.Create(activity) };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            var response = await http.SendAsync(post);
            var posted = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var done = await Task.WhenAny(waiter.Task, Task.Delay(TimeSpan.FromSeconds(30)));
            _waiting.TryRemove(id, out _);
            _waiting.TryRemove(posted, out _);
            return done == waiter.Task ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
        }

        public void Dispose() => _socket.Dispose();

        private async Task ReceiveLoopAsync()
        {
            var buffer = new byte[64 * 1024];
            var text = new StringBuilder();
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    var json = text.ToString();
                    text.Clear();
                    if (json.Length == 0)
                    {
                        continue;
                    }

                    using var set = JsonDocument.Parse(json);
                    foreach (var activity in set.RootElement.GetProperty("activities").EnumerateArray())
                    {
                        // The echo of our own message comes first and tells which server id its replies will refer to.
                        if (activity.TryGetProperty("channelData", out var channelData)
                            && channelData.TryGetProperty("clientActivityID", out var clientId)
                            && _waiting.TryGetValue(clientId.GetString()!, out var mine))
                        {
                            _waiting[activity.GetProperty("id").GetString()!] = mine;
                        }

                        if (activity.GetProperty("type").GetString() == "message"
                            && activity.TryGetProperty("replyToId", out var replyTo)
                            && _waiting.TryGetValue(replyTo.GetString()!, out var waiter))
                        {
                            waiter.TrySetResult(DateTime.UtcNow);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or JsonException)
            {
                // the stream closed
            }
        }
    }
}
