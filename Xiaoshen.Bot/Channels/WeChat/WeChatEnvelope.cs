namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>A decrypted WeChat message: the random prefix, the declared length (UTF-8 bytes), the message and the receive id.</summary>
public sealed record WeChatEnvelope(byte[] Random, int MessageLength, string Message, string ReceiveId);
