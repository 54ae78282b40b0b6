using Microsoft.Bot.Schema;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>Converts between Bot Framework activities and Xiaoshen's channel-neutral records.</summary>
internal static class ActivityMapping
{
    public static InboundMessage ToInbound(IActivity activity, InboundKind kind, bool markdown)
    {
        var message = activity.AsMessageActivity();
        return new InboundMessage(
            activity.ChannelId ?? "unknown",
            activity.Conversation?.Id ?? "unknown",
            activity.From?.Id,
            kind,
            message?.Text,
            markdown);
    }

    public static Activity ToActivity(OutboundReply reply)
    {
        var activity = Activity.CreateMessageActivity();
        activity.Text = reply.Text;
        activity.TextFormat = reply.IsMarkdown ? TextFormatTypes.Markdown : TextFormatTypes.Plain;
        activity.Locale = "zh-CN";
        if (reply.Buttons.Count > 0)
        {
            activity.Attachments = [new HeroCard { Buttons = reply.Buttons.Select(ToCardAction).ToList() }.ToAttachment()];
        }

        if (reply.SuggestedActions.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions { Actions = reply.SuggestedActions.Select(ToCardAction).ToList() };
        }

        return (Activity)activity;
    }

    private static CardAction ToCardAction(ReplyAction action) => action.Kind == ReplyActionKind.OpenUrl
        ? new CardAction(ActionTypes.OpenUrl, action.Title, value: action.Value)
        : new CardAction(ActionTypes.ImBack, action.Title, value: action.Value);
}
