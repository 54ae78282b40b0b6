using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Xiaoshen.Tests.Api;

/// <summary>The Direct Line 3.0 calls a client makes, over the in-process test server.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public const string Secret = "test-directline-secret";

    /// <summary>A 1×1 PNG, as a screenshot would be.</summary>
    public static byte[] OnePixelPng => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public HttpClient Http { get; } = http;

    public string Token { get; set; } = string.Empty;

    public string ConversationId { get; set; } = string.Empty;

    public string StreamUrl { get; private set; } = string.Empty;

    public static BotApiFactory Configure(BotApiFactory factory) => factory.WithSetting("DirectLine:Secret", Secret);

    /// <summary>Token from the secret (as a page's server would), then start the conversation with it.</summary>
    public async Task<DirectLineClient> StartAsync()
    {
        var generated = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Secret);
        Token = generated.GetProperty("token").GetString()!;
        var started = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", Token);
        ConversationId = started.GetProperty("conversationId").GetString()!;
        StreamUrl = started.GetProperty("streamUrl").GetString()!;
        return this;
    }

    public Task<string> PostAsync(string text, string? clientActivityId = null)
    {
        var activity = new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "dl_test" } };
        if (clientActivityId is not null)
        {
            activity["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId };
        }

        return PostAsync(activity);
    }

    /// <summary>A message with files linked by whatever URLs the client chose (Direct Line does not check them).</summary>
    public Task<string> PostAsync(string text, params (string ContentType, string Url, string Name)[] attachments) => PostAsync(new JsonObject
    {
        ["type"] = "message",
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = "dl_test" },
        ["attachments"] = new JsonArray(attachments.Select(a => (JsonNode)new JsonObject { ["contentType"] = a.ContentType, ["contentUrl"] = a.Url, ["name"] = a.Name }).ToArray()),
    });

    /// <summary>Sends a file as Web Chat does (multipart upload); Xiaoshen keeps it behind a signed link.</summary>
    public async Task UploadAsync(string name, string contentType, byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { file, "file", name } };
        using var response = await RawAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/upload?userId=dl_test", Token, form);
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities") { Content = JsonContent.Create(activity) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<(List<JsonElement> Activities, string Watermark)> ActivitiesAsync(string? watermark = null)
    {
        var set = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities" + (watermark is null ? string.Empty : "?watermark=" + watermark), Token);
        return (set.GetProperty("activities").EnumerateArray().ToList(), set.GetProperty("watermark").GetString()!);
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string url, string? bearer)
    {
        using var response = await RawAsync(method, url, bearer);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> RawAsync(HttpMethod method, string url, string? bearer, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Posts an activity as JSON and returns the response as is.</summary>
    public Task<HttpResponseMessage> PostRawAsync(JsonObject activity) =>
        RawAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", Token, JsonContent.Create(activity));

    /// <summary>Every activity of the conversation, following the pages from the start; and how many pages it took.</summary>
    public async Task<(List<JsonElement> Activities, int Pages)> AllActivitiesAsync()
    {
        var all = new List<JsonElement>();
        var pages = 0;
        string? watermark = null;
        while (pages < 1000)
        {
            var (page, next) = await ActivitiesAsync(watermark);
            if (page.Count == 0)
            {
                return (all, pages);
            }

            all.AddRange(page);
            pages++;
            watermark = next;
        }

        throw new InvalidOperationException("The pages never ended.");
    }

    /// <summary>One message of a Direct Line stream (an activity set).</summary>
    public static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[256 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(text.ToString()).RootElement.Clone();
    }
}
