namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// One configured official account or WeCom app, as the endpoints, the conversation and the API client need it.
/// Built from <see cref="WeChatOptions"/> by <see cref="WeChatApps"/>.
/// </summary>
/// <param name="Channel"><see cref="OfficialAccountChannel"/> or <see cref="WeComChannel"/>.</param>
/// <param name="Name">The name in the callback URL.</param>
/// <param name="ReceiveId">The id inside encrypted messages: the AppID, or the CorpID for WeCom.</param>
/// <param name="TokenPath">Path and query that issue an access token (they contain the secret: never log them).</param>
/// <param name="SendPath">Path of the message API.</param>
/// <param name="AgentId">The WeCom app's AgentId; null for official accounts.</param>
/// <param name="ReplyWindow">How long after the person's last message the app may still write to them; null when unlimited.</param>
public sealed record WeChatApp(
    string Channel,
    string Name,
    string Token,
    string EncodingAesKey,
    string ReceiveId,
    WeChatSecurityMode Mode,
    string ApiBaseUrl,
    string TokenPath,
    string SendPath,
    long? AgentId,
    TimeSpan? ReplyWindow,
    IReadOnlyDictionary<string, string> MenuQuestions)
{
    public const string OfficialAccountChannel = "wechat";

    public const string WeComChannel = "wecom";

    /// <summary>The answer that tells WeChat "received, nothing to say now": <c>success</c>; WeCom expects an empty body.</summary>
    public string Acknowledgement => Channel == WeComChannel ? string.Empty : "success";

    /// <summary>The conversation id used with the bot and the handoff: <c>{name}:{user}</c>.</summary>
    public string ConversationId(string user) => $"{Name}:{user}";

    /// <summary>Where this person's state is kept in <c>IStorage</c>.</summary>
    public string StateKey(string user) => $"{Channel}/{Name}/{user}";
}
