namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>Replies as WeChat messages: texts within the length limit, images to upload, and the numbered options shown.</summary>
public sealed record WeChatRendering(IReadOnlyList<string> Texts, IReadOnlyList<ReplyAttachment> Images, IReadOnlyList<string> Options)
{
    public static WeChatRendering Empty { get; } = new([], [], []);

    public static WeChatRendering Text(string text) => new([text], [], []);

    public bool IsEmpty => Texts.Count == 0 && Images.Count == 0;
}
