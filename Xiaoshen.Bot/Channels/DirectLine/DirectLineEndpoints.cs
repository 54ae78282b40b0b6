using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line 3.0-compatible endpoints, enough for the unmodified <c>botframework-directlinejs</c> and
/// <c>botframework-webchat</c> clients: tokens (generate with the secret, refresh with a token), start and reconnect
/// conversations, post and get activities with watermarks, the WebSocket stream, and attachment upload.
/// </summary>
internal static partial class DirectLineEndpoints
{
    private const string Prefix = "/v3/directline";

    // The provider builds a table of several hundred types: one for the process, not one per download.
    private static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider ContentTypes = new();

    // Text and card data only; files go through /upload.
    private const int MaxActivityBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapDirectLineEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);
        group.MapPost("/tokens/generate", Generate);
        group.MapPost("/tokens/refresh", Refresh);
        group.MapPost("/conversations", Start);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapPost("/conversations/{conversationId}/activities", PostActivity);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);
        group.MapPost("/conversations/{conversationId}/upload", Upload).DisableAntiforgery();
        group.MapGet("/attachments/{conversationId}/{name}", Attachment);
        return app;
    }

    /// <summary>Secret holders (servers) get a token for a new conversation.</summary>
    private static Results<Ok<ConversationResponse>, UnauthorizedHttpResult> Generate(HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        if (!tokens.IsSecret(Bearer(request)))
        {
            return TypedResults.Unauthorized();
        }

        var conversation = conversations.Start();
        return TypedResults.Ok(Response(request, tokens, conversation.Id, tokens.Issue(conversation.Id, null), stream: false));
    }

    private static Results<Ok<ConversationResponse>, UnauthorizedHttpResult> Refresh(HttpRequest request, DirectLineTokens tokens)
    {
        if (tokens.Validate(Bearer(request)) is not { } claims)
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.Ok(Response(request, tokens, claims.Conversation, tokens.Issue(claims.Conversation, claims.User), stream: false));
    }

    /// <summary>With a token: the token's conversation. With the secret: a new one.</summary>
    private static async Task<Results<Created<ConversationResponse>, Ok<ConversationResponse>, UnauthorizedHttpResult>> Start(
        HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, CancellationToken cancellationToken)
    {
        var bearer = Bearer(request);
        if (tokens.Validate(bearer) is { } claims)
        {
            await WelcomeIfNewAsync(conversations.GetOrResume(claims.Conversation), claims, bridge, cancellationToken);

            return TypedResults.Created($"{Prefix}/conversations/{claims.Conversation}", Response(request, tokens, claims.Conversation, bearer!, stream: true));
        }

        if (tokens.IsSecret(bearer))
        {
            var conversation = conversations.Start();
            return TypedResults.Created($"{Prefix}/conversations/{conversation.Id}", Response(request, tokens, conversation.Id, tokens.Issue(conversation.Id, null), stream: true));
        }

        return TypedResults.Unauthorized();
    }

    private static async Task<Results<Ok<ConversationResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Reconnect(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, CancellationToken cancellationToken)
    {
        switch (Authorize(request, tokens, conversationId))
        {
            case Access.Denied:
                return TypedResults.Unauthorized();
            case Access.Foreign:
                return Foreign();
            default:
                // Web Chat given a token and conversation id from /webchat/token connects here without starting first.
                if (tokens.Validate(Bearer(request)) is { } claims)
                {
                    await WelcomeIfNewAsync(conversations.GetOrResume(conversationId), claims, bridge, cancellationToken);
                }

                return TypedResults.Ok(Response(request, tokens, conversationId, Bearer(request)!, stream: true, watermark));
        }
    }

    // A conversation that has just begun gets Xiaoshen's welcome, as Direct Line sends conversationUpdate.
    private static async Task WelcomeIfNewAsync(DirectLineConversation conversation, TokenClaims claims, DirectLineBridge bridge, CancellationToken cancellationToken)
    {
        if (conversation.Watermark == 0)
        {
            await bridge.JoinAsync(conversation, claims.User ?? "user", cancellationToken);
        }
    }

    private static async Task<Results<Ok<ResourceResponse>, UnauthorizedHttpResult, ProblemHttpResult>> PostActivity(
        string conversationId, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, CancellationToken cancellationToken)
    {
        var access = Authorize(request, tokens, conversationId);
        if (access != Access.Allowed)
        {
            return access == Access.Denied ? TypedResults.Unauthorized() : Foreign();
        }

        if (await BoundedBody.ReadAsync(request, MaxActivityBytes, cancellationToken) is not { } body)
        {
            return TypedResults.Problem($"An activity may be at most {MaxActivityBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large");
        }

        if (ParseActivity(Encoding.UTF8.GetString(body)) is not { } activity)
        {
            return TypedResults.Problem("The body must be a JSON activity with a \"type\".", statusCode: StatusCodes.Status400BadRequest, title: "Not an activity");
        }

        var id = await bridge.PostAsync(conversations.GetOrResume(conversationId), activity, UserId(request, tokens, activity), cancellationToken);
        return TypedResults.Ok(new ResourceResponse(id));
    }

    private static Results<ContentHttpResult, UnauthorizedHttpResult, ProblemHttpResult> GetActivities(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var access = Authorize(request, tokens, conversationId);
        if (access != Access.Allowed)
        {
            return access == Access.Denied ? TypedResults.Unauthorized() : Foreign();
        }

        var (activities, next) = conversations.GetOrResume(conversationId).Since(watermark);
        return TypedResults.Text(ActivitySetJson(activities, next), "application/json", Encoding.UTF8);
    }

    private static async Task StreamAsync(string conversationId, string? watermark, HttpContext http, DirectLineTokens tokens, DirectLineConversations conversations, ILoggerFactory loggers)
    {
        var claims = tokens.Validate(http.Request.Query["t"].FirstOrDefault() ?? Bearer(http.Request));
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

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var conversation = conversations.GetOrResume(conversationId);
        var gate = new SemaphoreSlim(1, 1);
        async Task SendAsync(IReadOnlyList<JObject> activities, int next)
        {
            var json = ActivitySetJson(activities, next);
            await gate.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                LogStreamSendFailed(loggers.CreateLogger(typeof(DirectLineEndpoints)), conversationId, ex);
            }
            finally
            {
                gate.Release();
            }
        }

        // Listen first, then send the backlog, so nothing appended in between is missed (a duplicate is harmless: clients de-duplicate by id).
        using var subscription = conversation.Listen(SendAsync);
        var (backlog, mark) = conversation.Since(watermark);
        await SendAsync(backlog, mark);

        var buffer = new byte[1024];
        while (socket.State == WebSocketState.Open && !http.RequestAborted.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveAsync(buffer, http.RequestAborted);
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

    private static async Task<Results<Ok<ResourceResponse>, UnauthorizedHttpResult, ProblemHttpResult>> Upload(
        string conversationId,
        string? userId,
        HttpRequest request,
        DirectLineTokens tokens,
        DirectLineConversations conversations,
        DirectLineBridge bridge,
        AttachmentStore store,
        IOptionsMonitor<ConversationMessages> messages,
        CancellationToken cancellationToken)
    {
        var access = Authorize(request, tokens, conversationId);
        if (access != Access.Allowed)
        {
            return access == Access.Denied ? TypedResults.Unauthorized() : Foreign();
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem("Upload files as multipart/form-data.", statusCode: StatusCodes.Status400BadRequest, title: "Not a file upload");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var activity = await ActivityPartAsync(form, cancellationToken) ?? new JObject { ["type"] = "message" };
        var user = userId ?? UserId(request, tokens, activity);
        var attachments = new JArray();
        var refused = new List<string>();
        var m = messages.CurrentValue;
        foreach (var file in form.Files.Where(f => f.Name != "activity"))
        {
            if (!store.IsAllowed(file.ContentType))
            {
                refused.Add(ConversationMessages.Fill(m.UploadRefusedType, ("Name", file.FileName)));
            }
            else if (file.Length > store.MaxBytes)
            {
                refused.Add(ConversationMessages.Fill(m.UploadTooLarge, ("Name", file.FileName), ("Limit", (store.MaxBytes / 1048576).ToString(CultureInfo.InvariantCulture) + "MB")));
            }
            else
            {
                await using var stream = file.OpenReadStream();
                var name = await store.SaveAsync(conversationId, file.ContentType, stream, cancellationToken);
                attachments.Add(new JObject
                {
                    ["contentType"] = file.ContentType,
                    ["contentUrl"] = store.Link($"{request.Scheme}://{request.Host}", conversationId, name),
                    ["name"] = file.FileName,
                });
            }
        }

        var conversation = conversations.GetOrResume(conversationId);
        string id;
        if (attachments.Count > 0 || !string.IsNullOrWhiteSpace(activity.Value<string>("text")))
        {
            activity["attachments"] = attachments;
            id = await bridge.PostAsync(conversation, activity, user, cancellationToken);
        }
        else
        {
            id = (await conversation.AppendAsync([activity]))[0];
        }

        foreach (var reason in refused)
        {
            await bridge.AppendBotMessageAsync(conversation, reason, id, user);
        }

        return TypedResults.Ok(new ResourceResponse(id));
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

    // Activities are kept as Newtonsoft objects (the Bot Framework schema), so the set is written with Newtonsoft too.
    private static string ActivitySetJson(IReadOnlyList<JObject> activities, int watermark) =>
        JsonConvert.SerializeObject(new JObject { ["activities"] = new JArray(activities), ["watermark"] = watermark.ToString(CultureInfo.InvariantCulture) });

    private static ProblemHttpResult Foreign() =>
        TypedResults.Problem("This token belongs to another conversation.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static ConversationResponse Response(HttpRequest request, DirectLineTokens tokens, string conversationId, string token, bool stream, string? watermark = null)
    {
        var scheme = request.Scheme == "https" ? "wss" : "ws";
        var streamUrl = stream
            ? $"{scheme}://{request.Host}{Prefix}/conversations/{conversationId}/stream?watermark={Uri.EscapeDataString(watermark ?? string.Empty)}&t={Uri.EscapeDataString(token)}"
            : null;
        return new ConversationResponse(conversationId, token, (int)tokens.Lifetime.TotalSeconds, streamUrl);
    }

    private enum Access
    {
        Allowed,
        Denied,
        Foreign,
    }

    // A token may only be used for its own conversation; the secret may be used for any.
    private static Access Authorize(HttpRequest request, DirectLineTokens tokens, string conversationId)
    {
        var bearer = Bearer(request);
        if (tokens.IsSecret(bearer))
        {
            return Access.Allowed;
        }

        return tokens.Validate(bearer) switch
        {
            null => Access.Denied,
            { } claims when claims.Conversation == conversationId => Access.Allowed,
            _ => Access.Foreign,
        };
    }

    private static string UserId(HttpRequest request, DirectLineTokens tokens, JObject activity) =>
        tokens.Validate(Bearer(request))?.User ?? activity["from"]?.Value<string>("id") ?? "user";

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static async Task<JObject?> ActivityPartAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var part = form.Files.FirstOrDefault(f => f.Name == "activity");
        if (part is null)
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

/// <summary>Start, reconnect and token responses (Direct Line field names).</summary>
internal sealed record ConversationResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("conversationId")] string ConversationId,
    [property: System.Text.Json.Serialization.JsonPropertyName("token")] string Token,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("streamUrl")][property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl);

/// <summary>The id given to a posted activity.</summary>
internal sealed record ResourceResponse([property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id);
