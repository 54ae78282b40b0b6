namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>WeChat and WeCom channel events (ids 7000–7099, after issue 7). Ids and counts only: no user text.</summary>
internal static partial class WeChatLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Refused a {Channel} push or check for {App}: bad signature or receive id")]
    public static partial void BadSignature(ILogger logger, string channel, string app);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Acknowledged a malformed {Channel} push for {App} without processing it")]
    public static partial void MalformedPush(ILogger logger, string channel, string app);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Refused a {Channel} push for {App} larger than {MaxBytes} bytes")]
    public static partial void PushTooLarge(ILogger logger, string channel, string app, int maxBytes);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Refused a {Channel} push for {App} that does not fit its mode (encrypted: {Encrypted})")]
    public static partial void WrongMode(ILogger logger, string channel, string app, bool encrypted);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Debug, Message = "{Channel} push for {App}: {MsgType} {Event}")]
    public static partial void PushReceived(ILogger logger, string channel, string app, string msgType, string? @event);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Retried {Channel} push for {App} joined its first delivery")]
    public static partial void DuplicatePush(ILogger logger, string channel, string app);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Warning, Message = "Refused a {Channel} callback for {App}: its timestamp is not within the tolerance of now (replayed, or a clock out of sync)")]
    public static partial void StaleTimestamp(ILogger logger, string channel, string app);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "Refused a {Channel} push for {App}: its signature already came with another push")]
    public static partial void SignatureReused(ILogger logger, string channel, string app);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Warning, Message = "Acknowledged a {Channel} push for {App} already taken earlier, without a new turn")]
    public static partial void ReplayedPush(ILogger logger, string channel, string app);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Error, Message = "A {Channel} push for {App} could not be answered")]
    public static partial void PushFailed(ILogger logger, string channel, string app, Exception exception);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Error, Message = "Turn failed in {Channel} conversation {ConversationId}")]
    public static partial void TurnFailed(ILogger logger, string channel, string conversationId, Exception exception);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "New {Channel} access token for {App}, valid {Seconds} s")]
    public static partial void TokenIssued(ILogger logger, string channel, string app, int seconds);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "{Channel} refused an access token for {App}: HTTP {Status}, errcode {ErrorCode}")]
    public static partial void TokenRefused(ILogger logger, string channel, string app, int status, int errorCode);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "{Channel} {Operation} for {App} failed with HTTP {Status} (attempt {Attempt})")]
    public static partial void ApiStatus(ILogger logger, string channel, string app, string operation, int status, int attempt);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Warning, Message = "{Channel} {Operation} for {App} refused with errcode {ErrorCode} (attempt {Attempt})")]
    public static partial void ApiRefused(ILogger logger, string channel, string app, string operation, int errorCode, int attempt);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Warning, Message = "{Channel} {Operation} for {App} could not reach the API (attempt {Attempt})")]
    public static partial void ApiUnreachable(ILogger logger, string channel, string app, string operation, int attempt, Exception exception);

    [LoggerMessage(EventId = 7015, Level = LogLevel.Error, Message = "{Channel} {Operation} for {App} gave up after {Attempts} attempts")]
    public static partial void ApiGaveUp(ILogger logger, string channel, string app, string operation, int attempts);

    [LoggerMessage(EventId = 7016, Level = LogLevel.Information, Message = "Delivered {Texts} texts and {Images} images to {Channel} conversation {ConversationId}")]
    public static partial void Delivered(ILogger logger, string channel, string conversationId, int texts, int images);

    [LoggerMessage(EventId = 7017, Level = LogLevel.Information, Message = "Did not deliver to {Channel} conversation {ConversationId}: its reply window has closed")]
    public static partial void ReplyWindowClosed(ILogger logger, string channel, string conversationId);

    [LoggerMessage(EventId = 7018, Level = LogLevel.Warning, Message = "Could not read an attachment file; trying its link")]
    public static partial void AttachmentUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7019, Level = LogLevel.Warning, Message = "Could not download an attachment to upload it to WeChat")]
    public static partial void DownloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Warning, Message = "Redis is unreachable: pushes and signatures are taken as new, so a push may be answered twice")]
    public static partial void ReplayMemoryUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7024, Level = LogLevel.Warning, Message = "{Channel} media for {App} not downloaded: HTTP {Status}, errcode {ErrorCode}, {Length} bytes (refused, expired or too large)")]
    public static partial void MediaRefused(ILogger logger, string channel, string app, int status, int errorCode, long? length);
}
