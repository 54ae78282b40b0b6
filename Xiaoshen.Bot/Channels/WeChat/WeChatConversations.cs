using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Runs the turn for one push: converts it to an <see cref="InboundMessage"/> (a reply of just "1" becomes the option
/// it stands for), lets the <see cref="TurnProcessor"/> answer with the person's saved dialog state, and renders the
/// replies for WeChat. Pushes that need no turn (unsubscribe, menu links) or that Xiaoshen cannot take are answered
/// here. Singleton.
/// </summary>
public sealed class WeChatConversations(
    IServiceScopeFactory scopes,
    WeChatUserStore users,
    WeChatRenderer renderer,
    WeChatAttachmentSource media,
    IOptionsMonitor<WeChatOptions> options,
    IOptionsMonitor<ConversationMessages> messages,
    TimeProvider time,
    ILogger<WeChatConversations> logger)
{
    private static readonly string[] SilentEvents = ["unsubscribe", "view", "location", "scan", "templatesendjobfinish", "enter_agent"];

    public async Task<WeChatRendering> HandleAsync(WeChatApp app, WeChatPush push, CancellationToken cancellationToken)
    {
        if (push.FromUser is not { } user || (push.IsEvent && IsSilent(push)))
        {
            return WeChatRendering.Empty;
        }

        return await users.UpdateAsync(app, user, async state =>
        {
            if (!push.IsEvent)
            {
                state.LastMessageAt = time.GetUtcNow();
            }

            if (ToInbound(app, push, user, state) is not { } inbound)
            {
                return WeChatRendering.Text(options.CurrentValue.Texts.Unsupported);
            }

            var rendering = renderer.Render(await RunTurnAsync(inbound, state, cancellationToken));
            state.Options = [.. rendering.Options];
            return rendering;
        }, cancellationToken);
    }

    private static bool IsSilent(WeChatPush push) =>
        push["Event"] is not { } name || SilentEvents.Contains(name, StringComparer.OrdinalIgnoreCase) || !IsKnownEvent(name);

    private static bool IsKnownEvent(string name) =>
        name.Equals("subscribe", StringComparison.OrdinalIgnoreCase) || name.Equals("click", StringComparison.OrdinalIgnoreCase);

    // After BotBuilder's AdapterWithErrorHandler: log, apologise, and start the dialog afresh so it cannot loop.
    private async Task<IReadOnlyList<OutboundReply>> RunTurnAsync(InboundMessage inbound, WeChatUserState state, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TurnProcessor>().ProcessAsync(inbound, state.Dialog, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WeChatLog.TurnFailed(logger, inbound.Channel, inbound.ConversationId, ex);
            state.Dialog = new DialogState();
            return [new OutboundReply(messages.CurrentValue.TurnError)];
        }
    }

    /// <summary>The message for the bot, or null for a message type Xiaoshen cannot take.</summary>
    private InboundMessage? ToInbound(WeChatApp app, WeChatPush push, string user, WeChatUserState state)
    {
        var texts = options.CurrentValue.Texts;
        (InboundKind Kind, string? Text, InboundAttachment[] Files)? turn = push.MsgType switch
        {
            "text" => (InboundKind.Message, state.Resolve(push["Content"]), []),
            // WeChat's own recognition is the question; the recording goes along, so an agent sees both.
            "voice" when push["Recognition"] is { } recognised => (InboundKind.Message, state.Resolve(recognised), [Voice(app, push) with { Transcript = recognised }]),
            "voice" => (InboundKind.Unsupported, null, [Voice(app, push)]),
            "image" => (InboundKind.Unsupported, null, [Image(app, push, state)]),
            "video" or "shortvideo" => (InboundKind.Unsupported, null, [Media(app, push, "video/mp4")]),
            "link" => (InboundKind.Unsupported, push["Title"], [new InboundAttachment("text/html", push["Title"], push["Url"] ?? string.Empty)]),
            "location" => (InboundKind.Unsupported, ConversationMessages.Fill(
                texts.Location, ("Label", push["Label"]), ("Latitude", push["Location_X"]), ("Longitude", push["Location_Y"])), []),
            "event" when push["Event"]!.Equals("subscribe", StringComparison.OrdinalIgnoreCase) => (InboundKind.ConversationStarted, null, []),
            "event" => (InboundKind.Message, MenuQuestion(app, push["EventKey"]), []),
            _ => null,
        };

        return turn is { } t
            ? new InboundMessage(app.Channel, app.ConversationId(user), user, t.Kind, t.Text, SupportsMarkdown: false) { Attachments = t.Files }
            : null;
    }

    private static string? MenuQuestion(WeChatApp app, string? key) =>
        key is not null && app.MenuQuestions.TryGetValue(key, out var question) ? question : key;

    // In a pre-review the photo is read through the media API (a link only this node's source reads); otherwise it is
    // relayed as WeChat's picture link, which an agent can open.
    private InboundAttachment Image(WeChatApp app, WeChatPush push, WeChatUserState state) =>
        new("image/jpeg", null, state.Dialog.PreReview?.CaseId is not null && push["MediaId"] is { Length: > 0 } id
            ? media.Issue(app, id)
            : push["PicUrl"] ?? MediaUrl(app, push));

    private static InboundAttachment Media(WeChatApp app, WeChatPush push, string contentType) => new(contentType, null, MediaUrl(app, push));

    private static InboundAttachment Voice(WeChatApp app, WeChatPush push) => Media(app, push, "audio/" + (push["Format"] ?? "amr").ToLowerInvariant());

    // Fetching it needs the app's access token appended (&access_token=…); media stays on WeChat for 3 days.
    private static string MediaUrl(WeChatApp app, WeChatPush push) =>
        $"{app.ApiBaseUrl}/cgi-bin/media/get?media_id={Uri.EscapeDataString(push["MediaId"] ?? string.Empty)}";
}
