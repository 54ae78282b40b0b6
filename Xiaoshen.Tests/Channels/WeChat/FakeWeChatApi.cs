using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>
/// WeChat's and WeCom's server API on a loopback Kestrel port: issues numbered access tokens (token-1, token-2…),
/// accepts messages and media uploads, serves the media a test put there (<c>cgi-bin/media/get</c>; an unknown id gets
/// 40007 as JSON, as WeChat answers), records every request, and answers scripted failures first when told to.
/// </summary>
public sealed class FakeWeChatApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Json)>> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _media = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);
    private int _tokens;
    private int _uploads;

    private FakeWeChatApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeWeChatApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeWeChatApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    /// <summary>The next requests to <paramref name="path"/> get these answers, in order; later ones succeed again.</summary>
    public void Script(string path, params (int Status, string Json)[] responses)
    {
        var queue = _scripted.GetOrAdd(path, _ => new ConcurrentQueue<(int, string)>());
        foreach (var response in responses)
        {
            queue.Enqueue(response);
        }
    }

    /// <summary>Serves <paramref name="content"/> as the media a person sent with <paramref name="mediaId"/>.</summary>
    public void ServeMedia(string mediaId, byte[] content) => _media[mediaId] = content;

    public IReadOnlyList<RecordedRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>Waits until a request to <paramref name="path"/> has arrived (a generous limit, not a timing check).</summary>
    public Task<IReadOnlyList<RecordedRequest>> WaitForAsync(string path) => WaitForAsync(path, _ => true);

    /// <summary>Waits until a request to <paramref name="path"/> matching <paramref name="last"/> has arrived; all requests to it so far.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(string path, Func<RecordedRequest, bool> last)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!To(path).Any(last))
        {
            await _arrived.WaitAsync(limit.Token);
        }

        return To(path);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var path = request.Path.Value ?? string.Empty;
        var recorded = new RecordedRequest(request.Method, path, request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), body, request.ContentType);

        (int Status, string Json) scripted = default;
        var isScripted = _scripted.TryGetValue(path, out var queue) && queue.TryDequeue(out scripted);
        var (status, json) = isScripted ? scripted : Default(path);
        _requests.Enqueue(recorded);
        _arrived.Release();
        if (path == "/cgi-bin/media/get" && _media.TryGetValue(request.Query["media_id"].ToString(), out var media) && !isScripted)
        {
            http.Response.ContentType = "image/jpeg";
            await http.Response.Body.WriteAsync(media);
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json);
    }

    private (int, string) Default(string path) => path switch
    {
        "/cgi-bin/token" or "/cgi-bin/gettoken" => (200, $$"""{"access_token":"token-{{Interlocked.Increment(ref _tokens)}}","expires_in":7200}"""),
        "/cgi-bin/media/get" => (200, """{"errcode":40007,"errmsg":"invalid media_id"}"""),
        "/cgi-bin/media/upload" => (200, $$"""{"type":"image","media_id":"media-{{Interlocked.Increment(ref _uploads)}}","created_at":1700000000}"""),
        _ => (200, """{"errcode":0,"errmsg":"ok"}"""),
    };
}

/// <summary>One request the fake received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Body, string? ContentType);
