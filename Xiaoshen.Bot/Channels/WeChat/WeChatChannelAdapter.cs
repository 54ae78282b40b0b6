using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Delivers messages to WeChat and WeCom users outside a passive reply: answers that missed the reply deadline, and a
/// human agent's replies during a handoff. Texts go through the message API, images are uploaded as temporary media
/// first, other files are sent as links. The official account may write only within its reply window after the
/// person's last message; past it nothing is sent and the agent is told why. Singleton.
/// </summary>
public sealed class WeChatChannelAdapter(
    WeChatApps apps,
    WeChatUserStore users,
    WeChatRenderer renderer,
    WeChatApiClient api,
    IOptionsMonitor<WeChatOptions> options,
    TimeProvider time,
    ILogger<WeChatChannelAdapter> logger) : IChannelAdapter
{
    public bool Serves(string channel) =>
        channel.Equals(WeChatApp.OfficialAccountChannel, StringComparison.OrdinalIgnoreCase)
        || channel.Equals(WeChatApp.WeComChannel, StringComparison.OrdinalIgnoreCase);

    public async Task<DeliveryResult> DeliverAsync(ChannelAddress address, IReadOnlyList<OutboundReply> replies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var texts = options.CurrentValue.Texts;
        var separator = address.ConversationId.IndexOf(':', StringComparison.Ordinal);
        var app = separator > 0 ? apps.Find(address.Channel.ToLowerInvariant(), address.ConversationId[..separator]) : null;
        if (app is null)
        {
            return DeliveryResult.Failed(texts.UnknownConversation);
        }

        var user = address.ConversationId[(separator + 1)..];
        var rendering = await users.UpdateAsync(app, user, state =>
        {
            if (app.ReplyWindow is { } window && (state.LastMessageAt is not { } last || time.GetUtcNow() - last > window))
            {
                return Task.FromResult<WeChatRendering?>(null);
            }

            var rendered = renderer.Render(replies);
            state.Options = [.. rendered.Options];
            return Task.FromResult<WeChatRendering?>(rendered);
        }, cancellationToken);

        if (rendering is null)
        {
            WeChatLog.ReplyWindowClosed(logger, app.Channel, app.ConversationId(user));
            return DeliveryResult.Failed(ConversationMessages.Fill(texts.ReplyWindowClosed, ("Hours", options.CurrentValue.ReplyWindowHours.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return await SendAsync(app, user, rendering, cancellationToken);
    }

    /// <summary>Sends what was rendered for <paramref name="user"/>, texts first, in order; stops at the first refusal.</summary>
    public async Task<DeliveryResult> SendAsync(WeChatApp app, string user, WeChatRendering rendering, CancellationToken cancellationToken)
    {
        var texts = options.CurrentValue.Texts;
        foreach (var text in rendering.Texts)
        {
            if (!await api.SendAsync(app, Message(app, user, "text", new JsonObject { ["content"] = text }), cancellationToken))
            {
                return DeliveryResult.Failed(texts.DeliveryFailed);
            }
        }

        foreach (var image in rendering.Images)
        {
            var mediaId = await ReadAsync(image, cancellationToken) is { } content
                ? await api.UploadImageAsync(app, content, image.Name, image.ContentType, cancellationToken)
                : null;
            var sent = mediaId is not null
                ? await api.SendAsync(app, Message(app, user, "image", new JsonObject { ["media_id"] = mediaId }), cancellationToken)
                : await api.SendAsync(app, Message(app, user, "text", new JsonObject
                {
                    ["content"] = ConversationMessages.Fill(texts.FileLine, ("Name", image.Name), ("Url", image.Url)),
                }), cancellationToken);
            if (!sent)
            {
                return DeliveryResult.Failed(texts.DeliveryFailed);
            }
        }

        WeChatLog.Delivered(logger, app.Channel, app.ConversationId(user), rendering.Texts.Count, rendering.Images.Count);
        return DeliveryResult.Ok;
    }

    private async Task<byte[]?> ReadAsync(ReplyAttachment attachment, CancellationToken cancellationToken)
    {
        if (attachment.FilePath is { } path)
        {
            try
            {
                return await File.ReadAllBytesAsync(path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WeChatLog.AttachmentUnreadable(logger, ex);
            }
        }

        return await api.DownloadAsync(attachment.Url, cancellationToken);
    }

    // The official account's custom-send and WeCom's message/send share this shape; WeCom also names the app.
    private static JsonObject Message(WeChatApp app, string user, string type, JsonObject body)
    {
        var message = new JsonObject { ["touser"] = user, ["msgtype"] = type, [type] = body };
        if (app.AgentId is { } agentId)
        {
            message["agentid"] = agentId;
        }

        return message;
    }
}
