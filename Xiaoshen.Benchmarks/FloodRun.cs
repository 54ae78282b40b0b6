using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// What one client can make the real service hold in memory (issue 11, item 3), on loopback: with one token, big
/// activities and many ordinary ones, a GET without a watermark, many WebSocket streams on that one conversation; then
/// many conversations with a stream each from the same address. Reports what was accepted and refused, the bytes the
/// client was sent, and the service's resident memory after each phase.
/// </summary>
internal static class FloodRun
{
    private const string Secret = "flood-run-secret";

    public static async Task RunAsync(TextWriter output, int streams, int conversations, int bigActivities, int bigActivityKilobytes, params (string Key, string Value)[] settings)
    {
        using var service = await ServiceHost.StartAsync([("DirectLine:Secret", Secret), .. settings]);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var baseUrl = service.BaseUrl;
        output.WriteLine("| phase | asked | accepted | refused (HTTP status) | bytes sent to the client | service RSS MB |");
        output.WriteLine("|---|---|---|---|---|---|");
        Row(output, "service started", 0, 0, [], 0, service.ResidentMegabytes());

        var (token, conversationId, streamUrl) = await StartAsync(http, baseUrl);

        // Big activities: a short question padded with channel data, as the issue's probe did.
        var padding = new string('x', bigActivityKilobytes * 1024);
        var big = new List<int>();
        for (var i = 0; i < bigActivities; i++)
        {
            big.Add(await PostAsync(http, baseUrl, conversationId, token, new { type = "message", text = "社保卡丢了怎么补办", channelData = new { padding } }));
        }

        Row(output, $"{bigActivityKilobytes} KB activities, one token", bigActivities, big.Count(s => s == 200), Refused(big), 0, service.ResidentMegabytes());

        var ordinary = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            ordinary.Add(await PostAsync(http, baseUrl, conversationId, token, new { type = "message", text = BenchmarkKnowledge.Questions[i % BenchmarkKnowledge.Questions.Length] }));
        }

        Row(output, "ordinary messages, one token", ordinary.Count, ordinary.Count(s => s == 200), Refused(ordinary), 0, service.ResidentMegabytes());

        using (var get = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/v3/directline/conversations/{conversationId}/activities"))
        {
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(get);
            var body = await response.Content.ReadAsByteArrayAsync();
            Row(output, "GET activities without a watermark", 1, response.IsSuccessStatusCode ? 1 : 0, response.IsSuccessStatusCode ? [] : [(int)response.StatusCode], body.Length, service.ResidentMegabytes());
        }

        // Many streams on that one conversation, each asking for the whole backlog (watermark 0).
        var backlogUrl = streamUrl.Replace("watermark=&", "watermark=0&", StringComparison.Ordinal);
        var held = await OpenStreamsAsync(Enumerable.Repeat(backlogUrl, streams).ToList());
        Row(output, "streams on one conversation (watermark 0)", streams, held.Open.Count, held.Refused, held.Bytes, service.ResidentMegabytes());
        held.Dispose();

        // Many conversations from the same address, a stream each.
        var urls = new List<string>(conversations);
        for (var i = 0; i < conversations; i++)
        {
            urls.Add((await StartAsync(http, baseUrl)).StreamUrl);
        }

        var many = await OpenStreamsAsync(urls);
        Row(output, "conversations with a stream each, one address", conversations, many.Open.Count, many.Refused, many.Bytes, service.ResidentMegabytes());
        many.Dispose();

        output.WriteLine();
        var healthy = await service.IsHealthyAsync();
        output.WriteLine($"service healthy after the run: {healthy}");
    }

    private static async Task<(string Token, string ConversationId, string StreamUrl)> StartAsync(HttpClient http, string baseUrl)
    {
        using var generate = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v3/directline/tokens/generate");
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var generated = await http.SendAsync(generate);
        var token = (await generated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var start = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await http.SendAsync(start);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        return (token, body.GetProperty("conversationId").GetString()!, body.GetProperty("streamUrl").GetString()!);
    }

    private static async Task<int> PostAsync(HttpClient http, string baseUrl, string conversationId, string token, object activity)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/v3/directline/conversations/{conversationId}/activities") { Content = JsonContent.Create(activity) };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(post);
        return (int)response.StatusCode;
    }

    // Connects every stream (32 at a time), then reads what each is sent for two seconds.
    private static async Task<Streams> OpenStreamsAsync(IReadOnlyList<string> urls)
    {
        var held = new Streams();
        await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (url, token) =>
        {
            var socket = new ClientWebSocket();
            try
            {
                socket.Options.CollectHttpResponseDetails = true;
                await socket.ConnectAsync(new Uri(url), token);
                lock (held)
                {
                    held.Open.Add(socket);
                }
            }
            catch (WebSocketException)
            {
                lock (held)
                {
                    held.Refused.Add((int)socket.HttpStatusCode);
                }

                socket.Dispose();
            }
        });

        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Task.WhenAll(held.Open.Select(async socket =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, reading.Token);
                    held.Received(result.Count);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // two seconds are up, or the service closed the stream
            }
        }));
        return held;
    }

    private static List<int> Refused(IEnumerable<int> statuses) => statuses.Where(s => s != 200).ToList();

    private static void Row(TextWriter output, string phase, int asked, int accepted, IReadOnlyList<int> refused, long bytes, double rss)
    {
        var statuses = refused.Count == 0 ? "0" : $"{refused.Count} ({string.Join(", ", refused.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}"))})";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phase} | {asked} | {accepted} | {statuses} | {bytes:N0} | {rss:0} |"));
        output.Flush();
    }

    private sealed class Streams : IDisposable
    {
        public List<ClientWebSocket> Open { get; } = [];

        public List<int> Refused { get; } = [];

        private long _bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        public void Received(int count) => Interlocked.Add(ref _bytes, count);

        public void Dispose()
        {
            foreach (var socket in Open)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
    }
}
