using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>Finds configured accounts and apps by channel and name. Singleton; follows configuration changes.</summary>
public sealed class WeChatApps(IOptionsMonitor<WeChatOptions> options)
{
    /// <summary>The account (<c>wechat</c>) or app (<c>wecom</c>) of that name, or null when it is not configured.</summary>
    public WeChatApp? Find(string channel, string name)
    {
        var o = options.CurrentValue;
        if (channel == WeChatApp.OfficialAccountChannel && o.Accounts.TryGetValue(name, out var account) && account.Token.Length > 0)
        {
            return new WeChatApp(
                channel,
                name,
                account.Token,
                account.EncodingAesKey,
                account.AppId,
                account.Mode,
                o.ApiBaseUrl.TrimEnd('/'),
                $"/cgi-bin/token?grant_type=client_credential&appid={Uri.EscapeDataString(account.AppId)}&secret={Uri.EscapeDataString(account.AppSecret)}",
                "/cgi-bin/message/custom/send",
                null,
                TimeSpan.FromHours(o.ReplyWindowHours),
                account.MenuQuestions);
        }

        if (channel == WeChatApp.WeComChannel && o.WeComApps.TryGetValue(name, out var app) && app.Token.Length > 0)
        {
            return new WeChatApp(
                channel,
                name,
                app.Token,
                app.EncodingAesKey,
                app.CorpId,
                WeChatSecurityMode.Safe,
                o.WeComApiBaseUrl.TrimEnd('/'),
                $"/cgi-bin/gettoken?corpid={Uri.EscapeDataString(app.CorpId)}&corpsecret={Uri.EscapeDataString(app.CorpSecret)}",
                "/cgi-bin/message/send",
                app.AgentId,
                null,
                app.MenuQuestions);
        }

        return null;
    }
}
