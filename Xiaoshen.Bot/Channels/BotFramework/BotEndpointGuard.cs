using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>Who may post to <c>/api/messages</c>.</summary>
internal enum BotCallers
{
    /// <summary>Development and Testing: anyone, as the Emulator and the tests do.</summary>
    Anyone,

    /// <summary>Azure Bot Service channels with a token for <c>MicrosoftAppId</c> (validated by the SDK).</summary>
    Authenticated,

    /// <summary>No credentials, <c>BotFramework:AllowEmulatorFromLoopback</c>: the Emulator on this machine only.</summary>
    EmulatorOnLoopback,
}

/// <summary>
/// Checks a request to <c>/api/messages</c> before the SDK sees it (issue 11): the caller, the activity's ids, and the
/// <c>serviceUrl</c> replies would be posted to. The SDK then validates the token itself; a <c>serviceUrl</c> is used
/// only after both. Singleton.
/// </summary>
internal sealed class BotEndpointGuard(BotCallers callers, bool enabled, IReadOnlyList<string> serviceUrlHosts)
{
    // A proxy on the same machine makes every caller look local; a request that went through one is not local.
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    public const string NoCredentialsMessage =
        "POST /api/messages would answer anyone: outside Development and Testing set MicrosoftAppId and MicrosoftAppPassword " +
        "(the Azure Bot Service registration), or BotFramework:AllowEmulatorFromLoopback=true to try the Bot Framework Emulator " +
        "on this machine only, or BotFramework:Enabled=false where no Bot Framework channel is used.";

    /// <summary>A problem to answer instead of running the turn, or null when the request may go on.</summary>
    public ProblemHttpResult? Check(HttpContext http, JsonElement activity)
    {
        if (!enabled)
        {
            return Problem(StatusCodes.Status404NotFound, "Not served", "The Bot Framework endpoint is turned off (BotFramework:Enabled=false).");
        }

        if (callers == BotCallers.Authenticated && string.IsNullOrEmpty(http.Request.Headers.Authorization))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Bot Framework channels send a token (Authorization: Bearer …).");
        }

        if (callers == BotCallers.EmulatorOnLoopback && !IsLocalCaller(http))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Without MicrosoftAppId only the Emulator on this machine may call this endpoint.");
        }

        var conversation = activity.TryGetProperty("conversation", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("id", out var id) ? id : default;
        if (BotChannels.Problem(Text(activity, "channelId"), conversation.ValueKind == JsonValueKind.String ? conversation.GetString() : null) is { } idProblem)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid ids", idProblem);
        }

        if (!Uri.TryCreate(Text(activity, "serviceUrl"), UriKind.Absolute, out var serviceUrl))
        {
            return Problem(StatusCodes.Status400BadRequest, "No serviceUrl", "An activity needs an absolute serviceUrl.");
        }

        return IsAllowed(serviceUrl)
            ? null
            : Problem(StatusCodes.Status403Forbidden, "serviceUrl not allowed", "Replies go only to the hosts in BotFramework:ServiceUrlHosts, over https.");
    }

    private bool IsAllowed(Uri serviceUrl)
    {
        if (serviceUrl.IsLoopback && callers != BotCallers.Authenticated)
        {
            return serviceUrl.Scheme == Uri.UriSchemeHttp || serviceUrl.Scheme == Uri.UriSchemeHttps;
        }

        return callers != BotCallers.EmulatorOnLoopback
            && serviceUrl.Scheme == Uri.UriSchemeHttps
            && string.IsNullOrEmpty(serviceUrl.UserInfo)
            && serviceUrlHosts.Any(pattern => Matches(serviceUrl.IdnHost, pattern));
    }

    // "*.botframework.com" matches any name under botframework.com (not the name itself); anything else matches exactly.
    private static bool Matches(string host, string pattern) => pattern.StartsWith("*.", StringComparison.Ordinal)
        ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
        : host.Equals(pattern, StringComparison.OrdinalIgnoreCase);

    private static bool IsLocalCaller(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
        && !ProxyHeaders.Any(http.Request.Headers.ContainsKey);

    private static string? Text(JsonElement activity, string property) =>
        activity.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
