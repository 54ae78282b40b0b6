using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// WeChat's and WeCom's server API: access tokens (cached per app in the <see cref="ISharedCache"/>, so several nodes use
/// one token, renewed before they expire and when WeChat says a token is invalid), the message API and temporary media upload. Network errors, server errors and 系统繁忙 (-1) are
/// retried with exponential backoff; other refusals are not. Singleton and thread-safe.
/// </summary>
public sealed class WeChatApiClient(
    IHttpClientFactory clients, ISharedCache tokens, IOptionsMonitor<WeChatOptions> options, TimeProvider time, ILogger<WeChatApiClient> logger)
{
    public const string HttpClientName = "WeChat";

    // 40001 invalid credential, 40014 invalid access_token, 42001 access_token expired.
    private static readonly int[] TokenErrors = [40001, 40014, 42001];
    private const int SystemBusy = -1;

    // Chinese as UTF-8, not \u escapes: some WeChat APIs have shown escapes literally (the SDKs all send unescaped text).
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Sends one message (<c>{"touser", "msgtype", …}</c>); true when WeChat accepted it.</summary>
    public async Task<bool> SendAsync(WeChatApp app, JsonObject message, CancellationToken cancellationToken)
    {
        var json = message.ToJsonString(Unescaped);
        var result = await CallAsync(app, "send", token => new HttpRequestMessage(HttpMethod.Post, $"{app.ApiBaseUrl}{app.SendPath}?access_token={token}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        }, cancellationToken);
        return result is not null;
    }

    /// <summary>Uploads an image as temporary media; its media id, or null when WeChat refused it.</summary>
    public async Task<string?> UploadImageAsync(WeChatApp app, byte[] content, string fileName, string contentType, CancellationToken cancellationToken)
    {
        var result = await CallAsync(app, "upload", token =>
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            var form = new MultipartFormDataContent { { file, "media", fileName } };
            return new HttpRequestMessage(HttpMethod.Post, $"{app.ApiBaseUrl}/cgi-bin/media/upload?access_token={token}&type=image") { Content = form };
        }, cancellationToken);
        return result?["media_id"]?.GetValue<string>();
    }

    /// <summary>Downloads a file Xiaoshen links to (an attachment kept elsewhere), or null when it cannot.</summary>
    public async Task<byte[]?> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            return await Client().GetByteArrayAsync(new Uri(url), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            WeChatLog.DownloadFailed(logger, ex);
            return null;
        }
    }

    /// <summary>
    /// A temporary media file a person sent (<c>cgi-bin/media/get</c> of the app, its token appended), at most
    /// <paramref name="maxBytes"/>, within <see cref="WeChatOptions.HttpTimeoutSeconds"/>; null when WeChat refused it
    /// (an expired media id), it is larger, or it did not come in time. A stale token is renewed once.
    /// </summary>
    public async Task<byte[]?> DownloadMediaAsync(WeChatApp app, Uri media, long maxBytes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                if (await TokenAsync(app, cancellationToken) is not { } token)
                {
                    return null;
                }

                var url = new Uri($"{media}&access_token={Uri.EscapeDataString(token)}");
                using var response = await Client().GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > maxBytes)
                {
                    WeChatLog.MediaRefused(logger, app.Channel, app.Name, (int)response.StatusCode, 0, response.Content.Headers.ContentLength);
                    return null;
                }

                var content = await ReadAtMostAsync(response.Content, maxBytes, cancellationToken);
                if (response.Content.Headers.ContentType?.MediaType is not ("application/json" or "text/plain"))
                {
                    return content;
                }

                // WeChat answers a refused media id (or token) with JSON instead of the file.
                var code = content is null ? 0 : ErrorCode(JsonNode.Parse(content) as JsonObject);
                WeChatLog.MediaRefused(logger, app.Channel, app.Name, (int)response.StatusCode, code, content?.Length);
                if (!TokenErrors.Contains(code))
                {
                    return null;
                }

                await tokens.InvalidateAsync(TokenKey(app), token, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                WeChatLog.ApiUnreachable(logger, app.Channel, app.Name, "media", attempt, ex);
                return null;
            }
        }

        return null;
    }

    // The body, or null when it is longer than the limit (read at most one byte past it).
    private static async Task<byte[]?> ReadAtMostAsync(HttpContent body, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await body.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > maxBytes)
            {
                return null;
            }
        }

        return copy.ToArray();
    }

    // The whole call, token included, is one attempt; a failed attempt waits RetryDelay × 2^(n-1) before the next,
    // except after an invalid token, which is renewed and tried again at once.
    private async Task<JsonObject?> CallAsync(WeChatApp app, string operation, Func<string, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        for (var attempt = 1; attempt <= o.SendAttempts; attempt++)
        {
            var (result, retry, immediately) = await AttemptAsync(app, operation, attempt, request, cancellationToken);
            if (!retry)
            {
                return result;
            }

            if (!immediately && attempt < o.SendAttempts && o.RetryDelayMilliseconds > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds * Math.Pow(2, attempt - 1)), time, cancellationToken);
            }
        }

        WeChatLog.ApiGaveUp(logger, app.Channel, app.Name, operation, o.SendAttempts);
        return null;
    }

    private async Task<(JsonObject? Result, bool Retry, bool Immediately)> AttemptAsync(
        WeChatApp app, string operation, int attempt, Func<string, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        try
        {
            if (await TokenAsync(app, cancellationToken) is not { } token)
            {
                return (null, true, false);
            }

            using var response = await Client().SendAsync(request(token), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                WeChatLog.ApiStatus(logger, app.Channel, app.Name, operation, (int)response.StatusCode, attempt);
                return (null, true, false);
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
            var code = ErrorCode(body);
            if (code == 0)
            {
                return (body, false, false);
            }

            WeChatLog.ApiRefused(logger, app.Channel, app.Name, operation, code, attempt);
            if (TokenErrors.Contains(code))
            {
                await tokens.InvalidateAsync(TokenKey(app), token, cancellationToken);
                return (null, true, true);
            }

            return (null, code == SystemBusy, false);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            WeChatLog.ApiUnreachable(logger, app.Channel, app.Name, operation, attempt, ex);
            return (null, true, false);
        }
    }

    private Task<string?> TokenAsync(WeChatApp app, CancellationToken cancellationToken) =>
        tokens.GetOrFetchAsync(TokenKey(app), token => FetchTokenAsync(app, token), cancellationToken);

    private async Task<FetchedValue?> FetchTokenAsync(WeChatApp app, CancellationToken cancellationToken)
    {
        using var response = await Client().GetAsync(new Uri(app.ApiBaseUrl + app.TokenPath), cancellationToken);
        var body = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject : null;
        if (body?["access_token"]?.GetValue<string>() is not { Length: > 0 } token)
        {
            WeChatLog.TokenRefused(logger, app.Channel, app.Name, (int)response.StatusCode, ErrorCode(body));
            return null;
        }

        var lifetime = body["expires_in"]?.GetValue<int>() ?? 7200;
        WeChatLog.TokenIssued(logger, app.Channel, app.Name, lifetime);
        return new FetchedValue(token, TimeSpan.FromSeconds(Math.Max(0, lifetime - options.CurrentValue.TokenRefreshMarginSeconds)));
    }

    // The token path holds the app's secret: the key is its hash, so neither Redis nor its logs see the secret.
    private static string TokenKey(WeChatApp app) =>
        "wechat-token:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(app.ApiBaseUrl + app.TokenPath)))[..32];

    private static int ErrorCode(JsonObject? body) =>
        body?["errcode"] is JsonValue value && value.TryGetValue<int>(out var code) ? code : 0;

    private HttpClient Client()
    {
        var client = clients.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(options.CurrentValue.HttpTimeoutSeconds);
        return client;
    }
}
