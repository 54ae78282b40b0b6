using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Renders replies for WeChat, which shows plain text only: links as "在线办理：https://…", buttons and suggestions as
/// numbered options ("回复 1 …") the person answers with the number, and as few messages as the length limit allows
/// (the official account may send only a few customer-service messages per message received). Singleton.
/// </summary>
public sealed class WeChatRenderer(IOptionsMonitor<WeChatOptions> options)
{
    public WeChatRendering Render(IReadOnlyList<OutboundReply> replies)
    {
        var o = options.CurrentValue;
        var paragraphs = new List<string>();
        var values = new List<string>();
        var images = new List<ReplyAttachment>();
        foreach (var reply in replies)
        {
            var lines = new List<string>();
            var text = reply.IsMarkdown ? Markdig.Markdown.ToPlainText(reply.Text) : reply.Text;
            if (!string.IsNullOrWhiteSpace(text))
            {
                lines.Add(text.Trim());
            }

            foreach (var action in reply.Buttons.Concat(reply.SuggestedActions))
            {
                lines.Add(action.Kind == ReplyActionKind.OpenUrl
                    ? ConversationMessages.Fill(o.Texts.LinkLine, ("Title", action.Title), ("Url", action.Value))
                    : ConversationMessages.Fill(o.Texts.OptionLine, ("Number", Number(values, action.Value)), ("Title", action.Title)));
            }

            foreach (var attachment in reply.Attachments)
            {
                if (attachment.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                {
                    images.Add(attachment);
                }
                else
                {
                    lines.Add(ConversationMessages.Fill(o.Texts.FileLine, ("Name", attachment.Name), ("Url", attachment.Url)));
                }
            }

            if (lines.Count > 0)
            {
                paragraphs.Add(string.Join('\n', lines));
            }
        }

        // A character takes at most 3 UTF-8 bytes (4 for a surrogate pair, which is 2 chars), so this keeps within the byte limit.
        var texts = paragraphs.Count == 0 ? [] : AnswerComposer.Split(string.Join("\n\n", paragraphs), o.MaxTextBytes / 3);
        return new WeChatRendering(texts, images, values);
    }

    // The same value offered twice (a clarify button and a suggestion) gets one number.
    private static string Number(List<string> values, string value)
    {
        var index = values.IndexOf(value);
        if (index < 0)
        {
            values.Add(value);
            index = values.Count - 1;
        }

        return (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
