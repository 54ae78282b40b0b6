using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xiaoshen.Bot.Attachments;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Hosting;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line 3.0-compatible endpoints, enough for the unmodified <c>botframework-directlinejs</c> and
/// <c>botframework-webchat</c> clients: tokens (generate with the secret, refresh with a token), start and reconnect
/// conversations, post and get activities with watermarks (paged), the WebSocket stream, and attachment upload.
/// Everything one client can make the service hold is bounded (issue 11): activity size, posts and uploads per minute,
/// upload quotas, streams per conversation and per address, conversations and activities in memory, ids.
/// </summary>
internal static partial class DirectLineEndpoints
{
    public const string PostRateLimit = "directline-post";
    public const string UploadRateLimit = "directline-upload";

    private const string Prefix = "/v3/directline";

    // Ids clients may choose: user ids (with the secret's tokens), reply-to and client activity ids.
    private const int MaxUserIdLength = 64;
    private const int MaxActivityIdLength = 128;
    private const int MaxFileNameLength = 100;
    private const int MaxConversationIdLength = 64;

    // A stream that cannot take a message in this time (a client that stopped reading) is closed.
    private static readonly TimeSpan StreamSendTimeout = TimeSpan.FromSeconds(10);

    // The provider builds a table of several hundred types: one for the process, not one per download.
    private static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapDirectLineEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);
        group.MapPost("/tokens/generate", Generate);
        group.MapPost("/tokens/refresh", Refresh);
        group.MapPost("/conversations", Start);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapPost("/conversations/{conversationId}/activities", PostActivity).RequireRateLimiting(PostRateLimit);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);
        group.MapPost("/conversations/{conversationId}/upload", Upload).RequireRateLimiting(UploadRateLimit).DisableAntiforgery();
        group.MapGet("/attachments/{conversationId}/{name}", Attachment);
        return app;
    }

    /// <summary>Secret holders (servers) get a token for a new conversation.</summary>
    private static Results<Ok<ConversationResponse>, UnauthorizedHttpResult> Generate(HttpRequest request, DirectLineTokens tokens, PublicUrls urls)
    {
        if (!tokens.IsSecret(DirectLineTokens.BearerOf(request)))
        {
            return TypedResults.Unauthorized();
        }

        var id = DirectLineConversations.NewId();
        return TypedResults.Ok(Response(request, tokens, urls, id, tokens.Issue(id, null), stream: false));
    }

    // A conversation's tokens are refreshed until it reaches the maximum age; then the page must start a new one.
    private static Results<Ok<ConversationResponse>, UnauthorizedHttpResult, ProblemHttpResult> Refresh(HttpRequest request, DirectLineTokens tokens, PublicUrls urls)
    {
        if (tokens.Validate(DirectLineTokens.BearerOf(request)) is not { } claims)
        {
            return TypedResults.Unauthorized();
        }

        if (tokens.IsTooOld(claims))
        {
            return TypedResults.Problem("This conversation is older than tokens are refreshed for; start a new one.", statusCode: StatusCodes.Status403Forbidden, title: "Conversation too old");
        }

        return TypedResults.Ok(Response(request, tokens, urls, claims.Conversation, tokens.Issue(claims.Conversation, claims.User, claims.Started), stream: false));
    }

    /// <summary>With a token: the token's conversation. With the secret: a new one.</summary>
    private static async Task<Results<Created<ConversationResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Start(
        HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, PublicUrls urls, CancellationToken cancellationToken)
    {
        var bearer = DirectLineTokens.BearerOf(request);
        if (tokens.Validate(bearer) is { } claims)
        {
            if (await conversations.GetOrResumeAsync(claims.Conversation, cancellationToken) is not { } conversation)
            {
                return Busy(request);
            }

            await WelcomeIfNewAsync(conversation, claims, bridge, cancellationToken);
            return TypedResults.Created($"{Prefix}/conversations/{claims.Conversation}", Response(request, tokens, urls, claims.Conversation, bearer!, stream: true));
        }

        if (tokens.IsSecret(bearer))
        {
            var id = DirectLineConversations.NewId();
            return TypedResults.Created($"{Prefix}/conversations/{id}", Response(request, tokens, urls, id, tokens.Issue(id, null), stream: true));
        }

        return TypedResults.Unauthorized();
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> Reconnect(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, PublicUrls urls, CancellationToken cancellationToken)
    {
        if (Refusal(request, tokens, conversationId) is { } refused)
        {
            return refused;
        }

        // Web Chat given a token and conversation id from /webchat/token connects here without starting first.
        if (tokens.Validate(DirectLineTokens.BearerOf(request)) is { } claims)
        {
            if (await conversations.GetOrResumeAsync(conversationId, cancellationToken) is not { } conversation)
            {
                return Busy(request);
            }

            await WelcomeIfNewAsync(conversation, claims, bridge, cancellationToken);
        }

        return TypedResults.Ok(Response(request, tokens, urls, conversationId, DirectLineTokens.BearerOf(request)!, stream: true, watermark));
    }

    // A conversation that has just begun gets Xiaoshen's welcome, as Direct Line sends conversationUpdate.
    private static async Task WelcomeIfNewAsync(DirectLineConversation conversation, TokenClaims claims, DirectLineBridge bridge, CancellationToken cancellationToken)
    {
        if (conversation.Watermark == 0)
        {
            await bridge.JoinAsync(conversation, claims.User ?? "user", cancellationToken);
        }
    }

    private static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> PostActivity(
        string conversationId, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, DirectLineEvents events, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (Refusal(request, tokens, conversationId) is { } refused)
        {
            return refused;
        }

        var max = options.Value.MaxActivityBytes;
        if (await BoundedBody.ReadAsync(request, max, cancellationToken) is not { } body)
        {
            return TypedResults.Problem($"An activity may be at most {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large");
        }

        if (ParseActivity(Encoding.UTF8.GetString(body)) is not { } activity)
        {
            return TypedResults.Problem("The body must be a JSON activity with a \"type\".", statusCode: StatusCodes.Status400BadRequest, title: "Not an activity");
        }

        if (OversizedId(activity) is { } problem)
        {
            return problem;
        }

        // An event a feature claimed (a video call's signalling) goes to it, not to the bot, and is not kept in the log.
        if (activity.Value<string>("type") == "event" && events.Find(activity.Value<string>("name")) is { } handler)
        {
            var value = activity["value"]?.ToString(Formatting.None) ?? "null";
            await handler(new DirectLineEvent(conversationId, UserId(request, tokens, activity, null), value), cancellationToken);
            return TypedResults.Ok(new ResourceResponse($"{conversationId}|event-{Guid.NewGuid():N}"));
        }

        // Only Xiaoshen's upload says what was recognised in a voice message; a client cannot claim it.
        foreach (var attachment in (activity["attachments"] as JArray)?.OfType<JObject>() ?? [])
        {
            attachment.Remove(BotFramework.ActivityMapping.TranscriptProperty);
        }

        if (await conversations.GetOrResumeAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return Busy(request);
        }

        var id = await bridge.PostAsync(conversation, activity, UserId(request, tokens, activity, null), cancellationToken);
        return TypedResults.Ok(new ResourceResponse(id));
    }

    // Direct Line without a watermark means "from the start"; each response is one page, and the client asks again
    // from the returned watermark (history older than memory holds comes from the database).
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetActivities(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, CancellationToken cancellationToken)
    {
        if (Refusal(request, tokens, conversationId) is { } refused)
        {
            return refused;
        }

        if (await conversations.GetOrResumeAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return Busy(request);
        }

        var (activities, next) = await conversations.PageAsync(conversation, ParseWatermark(watermark), cancellationToken);
        return TypedResults.Text(ActivitySetJson(activities, next), "application/json", Encoding.UTF8);
    }

    private static async Task StreamAsync(
        string conversationId, string? watermark, HttpContext http, DirectLineTokens tokens, DirectLineConversations conversations, IOptions<DirectLineOptions> options, ILoggerFactory loggers)
    {
        var claims = tokens.Validate(http.Request.Query["t"].FirstOrDefault() ?? DirectLineTokens.BearerOf(http.Request));
        if (claims is null || claims.Conversation != conversationId)
        {
            http.Response.StatusCode = claims is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (await conversations.GetOrResumeAsync(conversationId, http.RequestAborted) is not { } conversation)
        {
            http.Response.Headers.RetryAfter = "60";
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // issue 11: 220 streams on one token, each sent the whole backlog, exhausted memory.
        // issue 13: counted across nodes, so a balancer without affinity does not multiply the limits by the nodes.
        await using var stream = await conversations.TryOpenStreamAsync(conversation, ClientAddress.Of(http), http.RequestAborted);
        if (stream is null)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await StreamToAsync(socket, conversations, conversation, ParseWatermark(watermark), options.Value, http.RequestAborted, loggers.CreateLogger(typeof(DirectLineEndpoints)));
    }

    private static async Task StreamToAsync(WebSocket socket, DirectLineConversations conversations, DirectLineConversation conversation, int from, DirectLineOptions options, CancellationToken aborted, ILogger logger)
    {
        var gate = new SemaphoreSlim(1, 1);
        async Task SendAsync(IReadOnlyList<string> activities, int next)
        {
            var json = ActivitySetJson(activities, next);
            await gate.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    // A send that cannot complete (the client stopped reading) aborts the socket rather than holding the log.
                    using var timeout = new CancellationTokenSource(StreamSendTimeout);
                    await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, timeout.Token);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                LogStreamSendFailed(logger, conversation.Id, ex);
            }
            finally
            {
                gate.Release();
            }
        }

        // Listen first, then send the backlog, so nothing appended in between is missed (a duplicate is harmless: clients
        // de-duplicate by id). The backlog is what memory holds after the watermark, a page per message; with several
        // nodes memory first takes what the others appended.
        using var subscription = conversation.Listen(SendAsync);
        if (conversations.SeveralNodes)
        {
            await conversations.CatchUpAsync(conversation, int.MaxValue, aborted);
        }

        var watermark = conversation.Watermark;
        do
        {
            var (page, next) = conversation.Page(from, options.PageSize, options.CharactersKept);
            await SendAsync(page, next);
            from = next;
        }
        while (from < watermark && socket.State == WebSocketState.Open);

        var buffer = new byte[1024];
        while (socket.State == WebSocketState.Open && !aborted.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveAsync(buffer, aborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                break;
            }
        }
    }

    private static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> Upload(
        string conversationId,
        string? userId,
        HttpContext http,
        [AsParameters] UploadServices services,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (Refusal(request, services.Tokens, conversationId) is { } refusal)
        {
            return refusal;
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem("Upload files as multipart/form-data.", statusCode: StatusCodes.Status400BadRequest, title: "Not a file upload");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var activity = await ActivityPartAsync(form, cancellationToken) ?? new JObject { ["type"] = "message" };
        if (OversizedId(activity) is { } problem)
        {
            return problem;
        }

        if (await services.Conversations.GetOrResumeAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return Busy(request);
        }

        // The token's user, never a query parameter: only the secret's holder may say who sends.
        var user = UserId(request, services.Tokens, activity, userId);
        var address = ClientAddress.Of(http);
        var attachments = new JArray();
        var refused = new List<string>();
        foreach (var file in form.Files.Where(f => f.Name != "activity"))
        {
            var (link, reason, transcript) = await KeepAsync(file, conversationId, address, user, services, request, cancellationToken);
            if (link is not null)
            {
                var attachment = new JObject { ["contentType"] = file.ContentType, ["contentUrl"] = link, ["name"] = DisplayName(file.FileName) };
                if (transcript is not null)
                {
                    attachment[BotFramework.ActivityMapping.TranscriptProperty] = transcript;
                }

                attachments.Add(attachment);
            }
            else
            {
                refused.Add(reason!);
            }
        }

        string id;
        if (attachments.Count > 0 || !string.IsNullOrWhiteSpace(activity.Value<string>("text")))
        {
            activity["attachments"] = attachments;
            id = await services.Bridge.PostAsync(conversation, activity, user, cancellationToken);
        }
        else
        {
            id = (await conversation.AppendAsync([activity]))[0];
        }

        foreach (var reason in refused)
        {
            await services.Bridge.AppendBotMessageAsync(conversation, reason, id, user);
        }

        return TypedResults.Ok(new ResourceResponse(id));
    }

    // Keeps one file when its type is accepted, its content is of that type, and it fits the size and the quotas; the
    // link to it (with the words of a voice message, when a speech service recognised them), or the reason (in Chinese,
    // for the person) it was not kept.
    private static async Task<(string? Link, string? Refused, string? Transcript)> KeepAsync(
        IFormFile file, string conversationId, string address, string user, UploadServices services, HttpRequest request, CancellationToken cancellationToken)
    {
        var m = services.Messages.CurrentValue;
        var store = services.Store;
        var name = DisplayName(file.FileName);
        if (!store.IsAllowed(file.ContentType))
        {
            return (null, ConversationMessages.Fill(m.UploadRefusedType, ("Name", name)), null);
        }

        if (file.Length > store.MaxBytes)
        {
            return (null, ConversationMessages.Fill(m.UploadTooLarge, ("Name", name), ("Limit", Megabytes(store.MaxBytes))), null);
        }

        await using (var head = file.OpenReadStream())
        {
            if (!UploadSignatures.Matches(file.ContentType, await UploadSignatures.ReadHeadAsync(head, cancellationToken)))
            {
                return (null, ConversationMessages.Fill(m.UploadMismatch, ("Name", name)), null);
            }
        }

        var (limit, reserved) = await services.Quota.TryReserveAsync(conversationId, file.ContentType, file.Length, address, user, cancellationToken);
        if (reserved is null)
        {
            var o = services.Options.Value;
            return (null, limit == UploadLimit.Conversation
                ? ConversationMessages.Fill(m.UploadQuotaConversation, ("Name", name), ("Count", o.MaxUploadsPerConversation.ToString(CultureInfo.InvariantCulture)), ("Limit", Megabytes(o.MaxUploadBytesPerConversation)))
                : ConversationMessages.Fill(m.UploadQuotaDaily, ("Name", name)), null);
        }

        // The reservation is freed (row and partial file) when the write fails.
        await using (var content = file.OpenReadStream())
        {
            await store.SaveAsync(reserved, content, cancellationToken);
        }

        var transcript = await services.Speech.TranscribeAsync(store.PathOf(conversationId, reserved.Name), file.ContentType, cancellationToken);
        return (store.Link(services.Urls.BaseUrl(request), conversationId, reserved.Name), null, transcript);
    }

    private static Results<PhysicalFileHttpResult, NotFound> Attachment(string conversationId, string name, long e, string? s, AttachmentStore store)
    {
        var path = store.Resolve(conversationId, name, e, s);
        if (path is null)
        {
            return TypedResults.NotFound();
        }

        var contentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(path, contentType, enableRangeProcessing: true);
    }

    // Activities are kept as their JSON text (the Bot Framework schema), so a set is written by joining them.
    private static string ActivitySetJson(IReadOnlyList<string> activities, int watermark)
    {
        var json = new StringBuilder(activities.Sum(a => a.Length + 1) + 40).Append("{\"activities\":[");
        for (var i = 0; i < activities.Count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(activities[i]);
        }

        return json.Append("],\"watermark\":\"").Append(watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}").ToString();
    }

    private static int ParseWatermark(string? watermark) =>
        int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;

    private static ProblemHttpResult Busy(HttpRequest request)
    {
        request.HttpContext.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem("The service holds as many conversations as it may; try again in a minute.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
    }

    private static ConversationResponse Response(HttpRequest request, DirectLineTokens tokens, PublicUrls urls, string conversationId, string token, bool stream, string? watermark = null)
    {
        // Links come from the configured public address, never from the Host header (issue 11).
        var baseUrl = urls.BaseUrl(request);
        var streamUrl = stream
            ? $"{(baseUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "wss" : "ws")}{baseUrl[baseUrl.IndexOf(':', StringComparison.Ordinal)..]}{Prefix}/conversations/{conversationId}/stream?watermark={Uri.EscapeDataString(watermark ?? string.Empty)}&t={Uri.EscapeDataString(token)}"
            : null;
        return new ConversationResponse(conversationId, token, (int)tokens.Lifetime.TotalSeconds, streamUrl);
    }

    // A token may only be used for its own conversation; the secret may be used for any well-formed id.
    private static ProblemHttpResult? Refusal(HttpRequest request, DirectLineTokens tokens, string conversationId)
    {
        if (conversationId.Length > MaxConversationIdLength || !conversationId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return TypedResults.Problem($"A conversation id is at most {MaxConversationIdLength} letters, digits, '-' or '_'.", statusCode: StatusCodes.Status400BadRequest, title: "Not a conversation id");
        }

        var bearer = DirectLineTokens.BearerOf(request);
        if (tokens.IsSecret(bearer))
        {
            return null;
        }

        return tokens.Validate(bearer) switch
        {
            null => TypedResults.Problem("A valid token, or the secret, is required.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"),
            { } claims when claims.Conversation == conversationId => null,
            _ => TypedResults.Problem("This token belongs to another conversation.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        };
    }

    private static string UserId(HttpRequest request, DirectLineTokens tokens, JObject activity, string? asked) =>
        tokens.Validate(DirectLineTokens.BearerOf(request))?.User
        ?? (tokens.IsSecret(DirectLineTokens.BearerOf(request)) ? asked : null)
        ?? activity["from"]?.Value<string>("id")
        ?? "user";

    // Ids a client may set are bounded, so nothing it sends grows what is kept per activity without limit.
    private static ProblemHttpResult? OversizedId(JObject activity)
    {
        var fields = new (string Name, string? Value, int Max)[]
        {
            ("from.id", (activity["from"] as JObject)?.Value<string>("id"), MaxUserIdLength),
            ("replyToId", activity.Value<string>("replyToId"), MaxActivityIdLength),
            ("channelData.clientActivityID", (activity["channelData"] as JObject)?.Value<string>("clientActivityID"), MaxActivityIdLength),
        };
        return fields.FirstOrDefault(f => f.Value?.Length > f.Max) is { Name: not null } field
            ? TypedResults.Problem($"{field.Name} may be at most {field.Max} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Id too long")
            : null;
    }

    // A person's file name is shown, never used as a path: its last segment, cut to a readable length.
    private static string DisplayName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        return name.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name;
    }

    private static string Megabytes(long bytes) => (bytes / 1048576).ToString(CultureInfo.InvariantCulture) + "MB";

    private static async Task<JObject?> ActivityPartAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var part = form.Files.FirstOrDefault(f => f.Name == "activity");
        if (part is null || part.Length > 64 * 1024)
        {
            return null;
        }

        using var reader = new StreamReader(part.OpenReadStream());
        return ParseActivity(await reader.ReadToEndAsync(cancellationToken));
    }

    private static JObject? ParseActivity(string json)
    {
        try
        {
            return JToken.Parse(json) is JObject activity && activity.Value<string>("type") is { Length: > 0 } ? activity : null;
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send to the Direct Line stream of conversation {ConversationId}")]
    private static partial void LogStreamSendFailed(ILogger logger, string conversationId, Exception exception);
}

/// <summary>What an upload needs besides the request.</summary>
internal sealed record UploadServices(
    DirectLineTokens Tokens,
    DirectLineConversations Conversations,
    DirectLineBridge Bridge,
    AttachmentStore Store,
    UploadQuota Quota,
    PublicUrls Urls,
    IOptions<AttachmentsOptions> Options,
    IOptionsMonitor<ConversationMessages> Messages,
    SpeechTranscriber Speech);

/// <summary>Start, reconnect and token responses (Direct Line field names).</summary>
internal sealed record ConversationResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("conversationId")] string ConversationId,
    [property: System.Text.Json.Serialization.JsonPropertyName("token")] string Token,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("streamUrl")][property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl);

/// <summary>The id given to a posted activity.</summary>
internal sealed record ResourceResponse([property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id);
