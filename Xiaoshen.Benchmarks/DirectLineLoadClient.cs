using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Xiaoshen.Benchmarks;

/// <summary>A web chat as load drivers see it: a Direct Line conversation with its WebSocket stream open on loopback.</summary>
internal sealed class DirectLineLoadClient : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _waiting = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTime>> _texts = new();
    private string _conversation = string.Empty;
    private string _token = string.Empty;
    private string _baseUrl = string.Empty;

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public static async Task<DirectLineLoadClient> OpenAsync(HttpClient http, string baseUrl, string secret, CancellationToken cancellationToken)
    {
        var client = new DirectLineLoadClient();
        using var generate = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v3/directline/tokens/generate");
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
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
    public async Task<double?> AskAsync(HttpClient http, string text) => (await AskAsync(http, text, TimeSpan.FromSeconds(30))).Milliseconds;

    /// <summary>
    /// Posts a message and waits up to <paramref name="timeout"/> for the bot's first reply to it on this client's stream:
    /// the time and the reply's text, or the HTTP status when the post itself was refused.
    /// </summary>
    public async Task<(double? Milliseconds, string? Reply, int Status)> AskAsync(HttpClient http, string text, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var id = $"load-{Guid.NewGuid():N}";
        var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = waiter;
        var activity = new { type = "message", text, from = new { id = "load-user" }, channelData = new { clientActivityID = id } };
        using var post = new HttpRequestMessage(HttpMethod.Post, _baseUrl + $"/v3/directline/conversations/{_conversation}/activities") { Content = JsonContent.Create(activity) };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await http.SendAsync(post);
        if (!response.IsSuccessStatusCode)
        {
            _waiting.TryRemove(id, out _);
            return (null, null, (int)response.StatusCode);
        }

        var posted = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var done = await Task.WhenAny(waiter.Task, Task.Delay(timeout));
        _waiting.TryRemove(id, out _);
        _waiting.TryRemove(posted, out _);
        return done == waiter.Task ? (Stopwatch.GetElapsedTime(started).TotalMilliseconds, waiter.Task.Result, (int)response.StatusCode) : (null, null, (int)response.StatusCode);
    }

    /// <summary>Posts a message without waiting for anything.</summary>
    public async Task PostAsync(HttpClient http, string text)
    {
        var activity = new { type = "message", text, from = new { id = "load-user" } };
        using var post = new HttpRequestMessage(HttpMethod.Post, _baseUrl + $"/v3/directline/conversations/{_conversation}/activities") { Content = JsonContent.Create(activity) };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await http.SendAsync(post);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Completes when a message with exactly <paramref name="text"/> arrives on the stream; register before it can arrive.</summary>
    public Task ExpectTextAsync(string text)
    {
        var arrived = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        _texts[text] = arrived;
        return arrived.Task;
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

                    if (activity.TryGetProperty("text", out var said) && said.GetString() is { } saidText && _texts.TryRemove(saidText, out var expected))
                    {
                        expected.TrySetResult(DateTime.UtcNow);
                    }

                    if (activity.GetProperty("type").GetString() == "message"
                        && activity.TryGetProperty("replyToId", out var replyTo)
                        && _waiting.TryGetValue(replyTo.GetString()!, out var waiter))
                    {
                        waiter.TrySetResult(activity.TryGetProperty("text", out var reply) ? reply.GetString() ?? string.Empty : string.Empty);
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
