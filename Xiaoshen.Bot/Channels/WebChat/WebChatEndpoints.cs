using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Channels.WebChat;

/// <summary>
/// The web chat: the /webchat page (stock botframework-webchat on our Direct Line endpoints), the one-line widget
/// (/widget.js), a demo portal page (/demo), and /webchat/token, where pages exchange for a conversation token so the
/// Direct Line secret never reaches a browser (rate-limited per client address, after trusted proxies, across all nodes).
/// </summary>
internal static class WebChatEndpoints
{
    public const string TokenRateLimit = "webchat-token";

    /// <summary>Files copied next to the service at build: the pages, and webchat.js from npm.</summary>
    public static string AssetsFolder => Path.Combine(AppContext.BaseDirectory, "webchat");

    public static IHostApplicationBuilder AddWebChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(TokenRateLimit, http => SharedWindowLimiter.PerMinute(
                http,
                TokenRateLimit,
                ClientAddress.Of(http),
                http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.TokenRequestsPerMinute));
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapWebChatEndpoints(this IEndpointRouteBuilder app)
    {
        if (Directory.Exists(AssetsFolder))
        {
            ((IApplicationBuilder)app).UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(AssetsFolder),
                RequestPath = "/webchat-assets",
                OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
            });
        }

        app.MapGet("/webchat", () => Page("webchat.html", "text/html; charset=utf-8"));
        app.MapGet("/demo", () => Page("demo.html", "text/html; charset=utf-8"));
        app.MapGet("/widget.js", () => Page("widget.js", "application/javascript; charset=utf-8"));
        app.MapPost("/webchat/token", IssueToken).RequireRateLimiting(TokenRateLimit);
        return app;
    }

    // A page with a still-valid token keeps its conversation until the conversation reaches its maximum age; otherwise it
    // gets a new conversation (and a new user id, unless it had one). Nothing is held for a conversation until it is used.
    private static Ok<WebChatSession> IssueToken(HttpRequest request, DirectLineTokens tokens, IOptions<VoiceOptions> voice)
    {
        var previous = tokens.Validate(DirectLineTokens.BearerOf(request));
        var resumed = previous is not null && !tokens.IsTooOld(previous) ? previous : null;
        var conversationId = resumed?.Conversation ?? DirectLineConversations.NewId();
        var userId = previous?.User ?? "u_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return TypedResults.Ok(new WebChatSession(conversationId, tokens.Issue(conversationId, userId, resumed?.Started), (int)tokens.Lifetime.TotalSeconds, userId, voice.Value.MaxRecordingSeconds));
    }

    private static Results<PhysicalFileHttpResult, NotFound> Page(string name, string contentType)
    {
        var path = Path.Combine(AssetsFolder, name);
        return File.Exists(path) ? TypedResults.PhysicalFile(path, contentType) : TypedResults.NotFound();
    }
}

/// <summary>What a page needs to open its conversation.</summary>
internal sealed record WebChatSession(
    [property: System.Text.Json.Serialization.JsonPropertyName("conversationId")] string ConversationId,
    [property: System.Text.Json.Serialization.JsonPropertyName("token")] string Token,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("userId")] string UserId,
    [property: System.Text.Json.Serialization.JsonPropertyName("maxRecordingSeconds")] int MaxRecordingSeconds);
