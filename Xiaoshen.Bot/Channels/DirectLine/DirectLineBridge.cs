using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// Runs a person's Direct Line activity through the same bot as <c>/api/messages</c> (in process, replies collected with
/// expectReplies) and appends the activity and the replies to the conversation's log, from which clients read.
/// </summary>
public sealed class DirectLineBridge(DirectLineAdapter adapter, IServiceScopeFactory scopes, StorageWriter writer, IHttpContextAccessor http, TimeProvider time)
{
    public const string ChannelId = "directline";
    public const string BotId = "xiaoshen";
    public const string BotName = "小申";

    /// <summary>The sender id of human agents' messages, so the web chat shows them as themselves, not as Xiaoshen (issue 15).</summary>
    public const string StaffId = "xiaoshen-staff";

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });

    /// <summary>Appends the person's activity and Xiaoshen's replies; returns the id given to the person's activity once both are on disk.</summary>
    public async Task<string> PostAsync(DirectLineConversation conversation, JObject posted, string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        posted["channelId"] = ChannelId;
        posted["conversation"] = new JObject { ["id"] = conversation.Id };
        posted["recipient"] = new JObject { ["id"] = BotId, ["name"] = BotName, ["role"] = "bot" };
        posted["timestamp"] = now;
        var from = posted["from"] as JObject ?? [];
        from["id"] = userId;
        from["role"] = "user";
        posted["from"] = from;
        posted["serviceUrl"] = "https://directline.invalid/";
        // Readable (and shown to the person's other streams) once committed; the turn need not wait for the disk, since the
        // replies' durable append below flushes this activity too before the person is answered.
        var ids = await conversation.AppendAsync([posted], durable: false);

        var activity = posted.ToObject<Activity>(Serializer)!;
        activity.Id = ids[0];
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        // A person who sends two messages quickly gets them answered in order: one turn at a time per conversation, so
        // the second sees what the first remembered (the matter, a pending question).
        await conversation.Turns.WaitAsync(cancellationToken);
        try
        {
            var replies = await RunBotAsync(activity, cancellationToken);

            // The handoff.initiate event is for a contact centre on a Bot Framework channel; our own web chat has the console.
            await conversation.AppendAsync(replies.Where(r => r.Type != ActivityTypes.Event).Select(r => Reply(r, conversation.Id, ids[0], userId)).ToList());
        }
        finally
        {
            conversation.Turns.Release();
        }

        return ids[0];
    }

    /// <summary>Tells the bot the person joined (conversationUpdate), and appends the welcome.</summary>
    public async Task JoinAsync(DirectLineConversation conversation, string userId, CancellationToken cancellationToken)
    {
        var update = new Activity(ActivityTypes.ConversationUpdate)
        {
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = ChannelId,
            Conversation = new ConversationAccount(id: conversation.Id),
            From = new ChannelAccount(userId, role: RoleTypes.User),
            Recipient = new ChannelAccount(BotId, BotName, RoleTypes.Bot),
            MembersAdded = [new ChannelAccount(userId, role: RoleTypes.User)],
            ServiceUrl = "https://directline.invalid/",
            Timestamp = time.GetUtcNow(),
            DeliveryMode = DeliveryModes.ExpectReplies,
        };
        var replies = await RunBotAsync(update, cancellationToken);
        await conversation.AppendAsync(replies.Select(r => Reply(r, conversation.Id, null, userId)).ToList());
    }

    /// <summary>
    /// Appends messages that are not the answer to a turn (a human agent's replies, handoff notices). A human agent's
    /// messages name them and their department (<c>channelData.xiaoshen</c>).
    /// </summary>
    public Task AppendAsync(DirectLineConversation conversation, IEnumerable<IActivity> activities, string userId, string? senderName = null, string? senderDepartment = null) =>
        conversation.AppendAsync(activities.Select(a => Reply(a, conversation.Id, null, userId, senderName, senderDepartment)).ToList());

    /// <summary>Appends a message from Xiaoshen that is not the answer to a turn (e.g. an upload refused).</summary>
    public Task AppendBotMessageAsync(DirectLineConversation conversation, string text, string? replyToId, string userId) =>
        conversation.AppendAsync([Reply(MessageFactory.Text(text), conversation.Id, replyToId, userId)]);

    // Every caller appends the replies durably afterwards (an empty list too), which puts the turn's state on disk with
    // them: the state's own wait for the disk is deferred to that one.
    private async Task<IReadOnlyList<Activity>> RunBotAsync(Activity activity, CancellationToken cancellationToken)
    {
        using var deferred = writer.DeferFlushes();
        await using var scope = scopes.CreateAsyncScope();
        var bot = scope.ServiceProvider.GetRequiredService<IBot>();

        // Direct Line requests come from the person's own browser: their address counts for per-address limits.
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var response = await adapter.RunAsync(activity, (turn, token) =>
        {
            if (address is not null)
            {
                turn.TurnState[BotFramework.XiaoshenBot.SenderAddressKey] = address;
            }

            return bot.OnTurnAsync(turn, token);
        }, cancellationToken);
        return response?.Body is ExpectedReplies { Activities: { } activities } ? [.. activities] : [];
    }

    private JObject Reply(IActivity reply, string conversationId, string? replyToId, string userId, string? senderName = null, string? senderDepartment = null)
    {
        var json = JObject.FromObject(reply, Serializer);
        json["channelId"] = ChannelId;
        json["conversation"] = new JObject { ["id"] = conversationId };
        json["from"] = new JObject { ["id"] = senderName is null ? BotId : StaffId, ["name"] = senderName ?? BotName, ["role"] = "bot" };
        if (senderName is not null)
        {
            var data = json["channelData"] as JObject ?? [];
            data["xiaoshen"] = new JObject { ["sender"] = "staff", ["name"] = senderName, ["department"] = senderDepartment };
            json["channelData"] = data;
        }

        json["recipient"] = new JObject { ["id"] = userId, ["role"] = "user" };
        json["timestamp"] = time.GetUtcNow();
        json.Remove("serviceUrl");
        if (replyToId is not null)
        {
            json["replyToId"] = replyToId;
        }

        return json;
    }
}

/// <summary>
/// The adapter for in-process channels: Direct Line authenticates people with its own tokens, so the Bot Framework
/// side is anonymous and never calls out (replies are collected with expectReplies).
/// </summary>
public sealed class DirectLineAdapter(ILogger<DirectLineAdapter> logger)
    : CloudAdapter(new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build()), logger)
{
    /// <summary>
    /// Runs one turn; with no credentials configured the empty authorization header means an anonymous caller. The turn
    /// is marked as Xiaoshen's own Direct Line, the only way to reach its conversations.
    /// </summary>
    public Task<InvokeResponse> RunAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ProcessActivityAsync(string.Empty, activity, (turnContext, ct) =>
        {
            BotFramework.BotChannels.MarkOwnChannel(turnContext);
            return callback(turnContext, ct);
        }, cancellationToken);
}
