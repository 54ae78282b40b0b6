namespace Xiaoshen.Bot.Reports;

/// <summary>The four channel families the reports filter by; a conversation's channel id maps to one of them.</summary>
public static class ReportChannel
{
    public const string WebChat = "webchat";
    public const string WeChat = "wechat";
    public const string WeCom = "wecom";
    public const string BotFramework = "botframework";

    public static readonly IReadOnlyList<string> All = [WebChat, WeChat, WeCom, BotFramework];

    /// <summary>Web chat talks over our Direct Line endpoints; WeChat and WeCom name themselves; the rest came through Bot Framework.</summary>
    public static string Of(string channel) => channel switch
    {
        "directline" or "webchat" => WebChat,
        "wechat" => WeChat,
        "wecom" => WeCom,
        _ => BotFramework,
    };
}
