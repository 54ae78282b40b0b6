using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// What Xiaoshen remembers about one WeChat or WeCom user: the dialog, the numbered options last shown, and when they
/// last wrote (WeChat's reply window). Kept in <c>IStorage</c>, so a restart loses nothing. Public setters for the serializer.
/// </summary>
public sealed class WeChatUserState
{
    public DialogState Dialog { get; set; } = new();

    /// <summary>The values of the options last shown as "回复 1 …", in order.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>When the person last sent a message (events do not count).</summary>
    public DateTimeOffset? LastMessageAt { get; set; }

    /// <summary>The option a reply of just its place (1, ２, 第二个) stands for, or the text itself.</summary>
    public string? Resolve(string? text) =>
        ChoiceNumber.Parse(text, Options.Count) is { } n ? Options[n - 1] : text;
}
