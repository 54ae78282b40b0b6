using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// The callback URLs entered in the WeChat and WeCom consoles: <c>/api/wechat/{account}</c> and <c>/api/wecom/{app}</c>.
/// GET verifies the URL; POST receives a push, checks its timestamp and signature before anything else, decrypts it in
/// compatible and safe mode, and answers passively (encrypted when the push was) or with the acknowledgement. Malformed
/// pushes are logged and acknowledged, so WeChat does not retry them; bad signatures and stale timestamps are refused.
/// </summary>
internal static class WeChatEndpoints
{
    private const string Xml = "application/xml";

    public static IEndpointRouteBuilder MapWeChatEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wechat/{account}", VerifyOfficialAccount);
        app.MapPost("/api/wechat/{account}", ReceiveOfficialAccountAsync);
        app.MapGet("/api/wecom/{app}", VerifyWeCom);
        app.MapPost("/api/wecom/{app}", ReceiveWeComAsync);
        return app;
    }

    /// <summary>The official account's check: echo <c>echostr</c> when the signature holds.</summary>
    private static Results<ContentHttpResult, NotFound, UnauthorizedHttpResult> VerifyOfficialAccount(
        string account, [AsParameters] CallbackQuery query, WeChatApps apps, WeChatReplayGuard replays, ILogger<WeChatApps> logger)
    {
        if (apps.Find(WeChatApp.OfficialAccountChannel, account) is not { } app)
        {
            return TypedResults.NotFound();
        }

        if (!IsFresh(app, query, replays, logger))
        {
            return TypedResults.Unauthorized();
        }

        if (!WeChatCrypto.SignatureMatches(query.Signature, app.Token, query.Timestamp ?? string.Empty, query.Nonce ?? string.Empty))
        {
            WeChatLog.BadSignature(logger, app.Channel, app.Name);
            return TypedResults.Unauthorized();
        }

        return TypedResults.Text(query.Echostr ?? string.Empty, "text/plain");
    }

    /// <summary>WeCom's check: <c>echostr</c> is encrypted; answer its plaintext, nothing else (no quotes, BOM or newline).</summary>
    private static Results<ContentHttpResult, NotFound, UnauthorizedHttpResult> VerifyWeCom(
        string app, [AsParameters] CallbackQuery query, WeChatApps apps, WeChatReplayGuard replays, ILogger<WeChatApps> logger)
    {
        if (apps.Find(WeChatApp.WeComChannel, app) is not { } found)
        {
            return TypedResults.NotFound();
        }

        if (!IsFresh(found, query, replays, logger))
        {
            return TypedResults.Unauthorized();
        }

        if (WeChatCrypto.TryDecrypt(found, query.Timestamp ?? string.Empty, query.Nonce ?? string.Empty, query.MsgSignature, Restore(query.Echostr)) is not { } echo)
        {
            WeChatLog.BadSignature(logger, found.Channel, found.Name);
            return TypedResults.Unauthorized();
        }

        return TypedResults.Text(echo, "text/plain");
    }

    private static Task<Results<ContentHttpResult, NotFound, UnauthorizedHttpResult, ProblemHttpResult>> ReceiveOfficialAccountAsync(
        string account, [AsParameters] CallbackQuery query, [AsParameters] PushServices services, HttpRequest request) =>
        ReceiveAsync(services.Apps.Find(WeChatApp.OfficialAccountChannel, account), query, services, request);

    private static Task<Results<ContentHttpResult, NotFound, UnauthorizedHttpResult, ProblemHttpResult>> ReceiveWeComAsync(
        string app, [AsParameters] CallbackQuery query, [AsParameters] PushServices services, HttpRequest request) =>
        ReceiveAsync(services.Apps.Find(WeChatApp.WeComChannel, app), query, services, request);

    private static async Task<Results<ContentHttpResult, NotFound, UnauthorizedHttpResult, ProblemHttpResult>> ReceiveAsync(
        WeChatApp? app, CallbackQuery query, PushServices services, HttpRequest request)
    {
        if (app is null)
        {
            return TypedResults.NotFound();
        }

        var logger = services.Logger;
        var timestamp = query.Timestamp ?? string.Empty;
        var nonce = query.Nonce ?? string.Empty;
        if (!IsFresh(app, query, services.Replays, logger))
        {
            return TypedResults.Unauthorized();
        }

        // The official account signs every push in the URL, whatever the mode: refuse a forgery before reading the body.
        if (app.Channel == WeChatApp.OfficialAccountChannel && !WeChatCrypto.SignatureMatches(query.Signature, app.Token, timestamp, nonce))
        {
            WeChatLog.BadSignature(logger, app.Channel, app.Name);
            return TypedResults.Unauthorized();
        }

        var max = services.Options.CurrentValue.MaxRequestBytes;
        if (await BoundedBody.ReadAsync(request, max, request.HttpContext.RequestAborted) is not { } bytes)
        {
            WeChatLog.PushTooLarge(logger, app.Channel, app.Name, max);
            return TypedResults.Problem($"A push may be at most {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Push too large");
        }

        var body = Encoding.UTF8.GetString(bytes);
        var acknowledge = TypedResults.Text(app.Acknowledgement, "text/plain");
        if (WeChatPush.Parse(body) is not { } outer)
        {
            WeChatLog.MalformedPush(logger, app.Channel, app.Name);
            return acknowledge;
        }

        var encrypted = outer["Encrypt"];
        if (encrypted is null ? app.Mode != WeChatSecurityMode.Plaintext : app.Mode == WeChatSecurityMode.Plaintext)
        {
            // Compatible and safe mode have a key (required at start): WeChat then always sends the encrypted part, and
            // only it is covered by msg_signature. Plaintext mode has no key to read an encrypted push with.
            WeChatLog.WrongMode(logger, app.Channel, app.Name, encrypted is not null);
            return TypedResults.Unauthorized();
        }

        var push = outer;
        if (encrypted is not null)
        {
            if (WeChatCrypto.TryDecrypt(app, timestamp, nonce, query.MsgSignature, encrypted) is not { } plain)
            {
                WeChatLog.BadSignature(logger, app.Channel, app.Name);
                return TypedResults.Unauthorized();
            }

            if (WeChatPush.Parse(plain) is not { } inner)
            {
                WeChatLog.MalformedPush(logger, app.Channel, app.Name);
                return acknowledge;
            }

            push = inner;
        }

        if (!services.Replays.IsSignatureFor(app, timestamp, nonce, push.DeduplicationKey))
        {
            WeChatLog.SignatureReused(logger, app.Channel, app.Name);
            return TypedResults.Unauthorized();
        }

        WeChatLog.PushReceived(logger, app.Channel, app.Name, push.MsgType, push["Event"]);
        if (await services.Inbox.ReceiveAsync(app, push) is not { } answer)
        {
            return acknowledge;
        }

        var now = services.Time.GetUtcNow().ToUnixTimeSeconds();
        var reply = push.TextReply(answer, now);
        if (encrypted is null)
        {
            return TypedResults.Text(reply, Xml, Encoding.UTF8);
        }

        var ciphertext = WeChatCrypto.Encrypt(app.EncodingAesKey, app.ReceiveId, reply);
        var replyTimestamp = now.ToString(CultureInfo.InvariantCulture);
        var signature = WeChatCrypto.Signature(app.Token, replyTimestamp, nonce, ciphertext);
        return TypedResults.Text(WeChatPush.EncryptedReply(ciphertext, signature, replyTimestamp, nonce), Xml, Encoding.UTF8);
    }

    // A callback signed far from now is a replay (or a clock out of sync): refused before anything else (issue 11, item 13).
    private static bool IsFresh(WeChatApp app, CallbackQuery query, WeChatReplayGuard replays, ILogger logger)
    {
        if (replays.IsFresh(query.Timestamp))
        {
            return true;
        }

        WeChatLog.StaleTimestamp(logger, app.Channel, app.Name);
        return false;
    }

    // A proxy that forwards a raw '+' in the query turns it into a space; Base64 has no spaces (PROTOCOL.md pitfall 5).
    private static string Restore(string? base64) => (base64 ?? string.Empty).Replace(' ', '+');

    /// <summary>The query WeChat adds to the callback URL.</summary>
    internal sealed record CallbackQuery(
        string? Signature,
        [FromQuery(Name = "msg_signature")] string? MsgSignature,
        string? Timestamp,
        string? Nonce,
        string? Echostr);

    internal sealed record PushServices(WeChatApps Apps, WeChatInbox Inbox, WeChatReplayGuard Replays, IOptionsMonitor<WeChatOptions> Options, TimeProvider Time, ILogger<WeChatInbox> Logger);
}
