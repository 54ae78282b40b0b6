using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Channels.BotFramework;

/// <summary>
/// The Bot Framework face of Xiaoshen: converts activities to <see cref="InboundMessage"/>, lets the
/// <see cref="TurnProcessor"/> answer, converts the replies back, and keeps <see cref="DialogState"/> in conversation
/// state. Nothing else happens here.
/// </summary>
public sealed class XiaoshenBot(
    TurnProcessor processor,
    ConversationState conversationState,
    ITurnLock turns,
    IOptions<BotFrameworkOptions> options,
    IOptionsMonitor<ConversationMessages> messages) : ActivityHandler
{
    public const string DialogStateProperty = "dialog";

    /// <summary>Turn state set by in-process channels whose HTTP request comes from the person (Direct Line): their address.</summary>
    public const string SenderAddressKey = "Xiaoshen.SenderAddress";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        // One turn of a conversation at a time on all nodes: the state is read, changed and saved under the lock.
        await using var turn = await turns.AcquireAsync(TurnKey(turnContext.Activity), cancellationToken);
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
    }

    private static string TurnKey(IActivity activity) => activity.ChannelId + ":" + activity.Conversation?.Id;

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var kind = ActivityMapping.HasWords(activity) || activity.Attachments is not { Count: > 0 } ? InboundKind.Message : InboundKind.Unsupported;
        await ProcessAsync(turnContext, kind, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Greet the person once, not the bot joining its own conversation.
        if (membersAdded.Any(m => m.Id != turnContext.Activity.Recipient?.Id))
        {
            await ProcessAsync(turnContext, InboundKind.ConversationStarted, cancellationToken);
        }
    }

    private async Task ProcessAsync(ITurnContext turnContext, InboundKind kind, CancellationToken cancellationToken)
    {
        var markdown = options.Value.MarkdownChannels.Contains(turnContext.Activity.ChannelId, StringComparer.OrdinalIgnoreCase);
        var inbound = ActivityMapping.ToInbound(turnContext, kind, markdown) with
        {
            SenderAddress = turnContext.TurnState.Get<string>(SenderAddressKey),
        };
        var accessor = conversationState.CreateProperty<DialogState>(DialogStateProperty);
        var state = await accessor.GetAsync(turnContext, () => new DialogState(), cancellationToken);

        var processing = processor.ProcessAsync(inbound, state, cancellationToken);
        var delay = Task.Delay(messages.CurrentValue.TypingDelayMilliseconds, cancellationToken);
        if (await Task.WhenAny(processing, delay) != processing)
        {
            await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        }

        var replies = await processing;
        await accessor.SetAsync(turnContext, state, cancellationToken);
        await CommitAndSendAsync(turnContext, replies.SelectMany(ActivityMapping.ToActivities), cancellationToken);
    }

    // issue 11: nobody is answered before the turn is stored. Saving the state is the turn's last write and returns once
    // it and everything the turn queued before it are committed (EfBotStorage), so it is saved, forced, before sending.
    private async Task CommitAndSendAsync(ITurnContext turnContext, IEnumerable<Activity> replies, CancellationToken cancellationToken)
    {
        await conversationState.SaveChangesAsync(turnContext, force: true, cancellationToken);
        var activities = replies.Cast<IActivity>().ToArray();
        if (activities.Length > 0)
        {
            await turnContext.SendActivitiesAsync(activities, cancellationToken);
        }
    }

    // An external contact centre that took a handoff reports on it (BotBuilder handoff protocol).
    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name != HandoffEventNames.HandoffStatus)
        {
            return;
        }

        var value = turnContext.Activity.Value is Newtonsoft.Json.Linq.JObject json ? json : Newtonsoft.Json.Linq.JObject.FromObject(turnContext.Activity.Value ?? new object());
        var status = value.Value<string>("state") ?? string.Empty;
        var markdown = options.Value.MarkdownChannels.Contains(turnContext.Activity.ChannelId, StringComparer.OrdinalIgnoreCase);
        var replies = await processor.HandoffStatusAsync(ActivityMapping.ToInbound(turnContext, InboundKind.Message, markdown), status, cancellationToken);
        await CommitAndSendAsync(turnContext, replies.Select(ActivityMapping.ToActivity), cancellationToken);
    }
}
