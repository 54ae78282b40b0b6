using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>One WeCom (企业微信) self-built app, as entered in its 接收消息 settings. WeCom callbacks are always encrypted.</summary>
public sealed class WeComAppOptions : IValidatableObject
{
    /// <summary>Token; empty means the app is not served.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>企业ID (ww…), also the receive id inside encrypted messages.</summary>
    public string CorpId { get; set; } = string.Empty;

    /// <summary>The app's Secret, for access tokens.</summary>
    public string CorpSecret { get; set; } = string.Empty;

    /// <summary>The app's AgentId, for sending messages.</summary>
    public long AgentId { get; set; }

    public string EncodingAesKey { get; set; } = string.Empty;

    /// <summary>Menu click keys mapped to the question they ask; a key not listed is asked as it is.</summary>
    public Dictionary<string, string> MenuQuestions { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        WeChatOptions.ValidateApp(Token, nameof(CorpId), CorpId, keyRequired: true, EncodingAesKey);
}
