using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>Converts between Bot Framework activities and Xiaoshen's channel-neutral records.</summary>
internal static class ActivityMapping
{
    /// <summary>Where a recognised voice message carries its words: an attachment property set by Xiaoshen's upload.</summary>
    public const string TranscriptProperty = "transcript";

    public static InboundMessage ToInbound(ITurnContext turnContext, InboundKind kind, bool markdown)
    {
        var activity = turnContext.Activity;
        var message = activity.AsMessageActivity();
        var files = message?.Attachments?.Where(a => a.ContentUrl is not null)
            .Select(a => new InboundAttachment(a.ContentType ?? "application/octet-stream", a.Name, a.ContentUrl) { Transcript = TranscriptOf(a) })
            .ToList() ?? [];

        // A voice message with no typed words is asked as the words recognised in it.
        var text = string.IsNullOrWhiteSpace(message?.Text) && files.Any(f => f.Transcript is not null)
            ? string.Join(' ', files.Select(f => f.Transcript).OfType<string>())
            : message?.Text;
        return new InboundMessage(BotChannels.Of(turnContext), activity.Conversation?.Id ?? "unknown", activity.From?.Id, kind, text, markdown)
        {
            Attachments = files,
            PrefersPlainWording = PlainWording(activity.ChannelData),
        };
    }

    /// <summary>True when the message has words to answer: typed, or recognised in a voice message.</summary>
    public static bool HasWords(IMessageActivity message) =>
        !string.IsNullOrWhiteSpace(message.Text) || message.Attachments?.Any(a => TranscriptOf(a) is not null) == true;

    // Xiaoshen's web chat says so in the channel data of each message: {"xiaoshen": {"plain": true}}.
    private static bool PlainWording(object? channelData) =>
        channelData is JObject data && data["xiaoshen"] is JObject ours && ours["plain"] is JValue { Type: JTokenType.Boolean } plain && (bool)plain;

    private static string? TranscriptOf(Attachment attachment) =>
        attachment.Properties?[TranscriptProperty] is JValue { Type: JTokenType.String } value && value.Value<string>() is { Length: > 0 } text ? text : null;

    /// <summary>The message, followed by the <c>handoff.initiate</c> event when it announces a handoff.</summary>
    public static IEnumerable<Activity> ToActivities(OutboundReply reply)
    {
        yield return ToActivity(reply);
        if (reply.Handoff is { } handoff)
        {
            yield return HandoffInitiate(handoff);
        }
    }

    // After BotBuilder's EventFactory.CreateHandoffInitiation: the routing context as the value, the transcript attached.
    private static Activity HandoffInitiate(Handoff.HandoffContext handoff)
    {
        var transcript = new Transcript(handoff.Transcript.Select(line => (Activity)new Activity(ActivityTypes.Message)
        {
            Text = line.Text,
            Timestamp = line.At,
            From = new ChannelAccount(line.Role, role: line.Role == "user" ? RoleTypes.User : RoleTypes.Bot),
        }).ToList());
        return new Activity(ActivityTypes.Event)
        {
            Name = HandoffEventNames.InitiateHandoff,
            Value = new HandoffInitiateValue(
                handoff.ConversationId,
                handoff.Channel,
                handoff.Routing.DepartmentId,
                handoff.Routing.DepartmentName,
                handoff.Routing.AgentGroup,
                handoff.Routing.BackupGroup,
                handoff.Routing.MatterId,
                handoff.Routing.Reason.ToString(),
                handoff.Candidates),
            Attachments = [new Attachment { Content = transcript, ContentType = "application/json", Name = "Transcript" }],
            Locale = "zh-CN",
        };
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

        foreach (var file in reply.Attachments)
        {
            activity.Attachments ??= [];
            activity.Attachments.Add(new Attachment { ContentType = file.ContentType, ContentUrl = file.Url, Name = file.Name });
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

/// <summary>The routing context of <c>handoff.initiate</c>: what a contact centre routes on (skill = the agent group).</summary>
public sealed record HandoffInitiateValue(
    [property: Newtonsoft.Json.JsonProperty("conversationId")] Guid ConversationId,
    [property: Newtonsoft.Json.JsonProperty("channel")] string Channel,
    [property: Newtonsoft.Json.JsonProperty("departmentId")] string DepartmentId,
    [property: Newtonsoft.Json.JsonProperty("department")] string Department,
    [property: Newtonsoft.Json.JsonProperty("skill")] string Skill,
    [property: Newtonsoft.Json.JsonProperty("backupGroup")] string? BackupGroup,
    [property: Newtonsoft.Json.JsonProperty("matterId")] string? MatterId,
    [property: Newtonsoft.Json.JsonProperty("reason")] string Reason,
    [property: Newtonsoft.Json.JsonProperty("candidates")] IReadOnlyList<Handoff.HandoffCandidate> Candidates);
