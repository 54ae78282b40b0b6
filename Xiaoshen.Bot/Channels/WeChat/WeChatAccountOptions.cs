using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>How an official account's messages are protected (the console's 消息加解密方式).</summary>
public enum WeChatSecurityMode
{
    /// <summary>明文模式: only the URL signature.</summary>
    Plaintext,

    /// <summary>兼容模式: plaintext and encrypted pushes are both accepted.</summary>
    Compatible,

    /// <summary>安全模式: every push must be encrypted.</summary>
    Safe,
}

/// <summary>One official account (公众号), as entered in its console (基本配置).</summary>
public sealed class WeChatAccountOptions : IValidatableObject
{
    /// <summary>令牌 (Token); empty means the account is not served.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>AppID (wx…), also the receive id inside encrypted messages.</summary>
    public string AppId { get; set; } = string.Empty;

    public string AppSecret { get; set; } = string.Empty;

    /// <summary>消息加解密密钥 (EncodingAESKey): 43 characters; needed in compatible and safe mode.</summary>
    public string EncodingAesKey { get; set; } = string.Empty;

    public WeChatSecurityMode Mode { get; set; } = WeChatSecurityMode.Safe;

    /// <summary>Menu CLICK keys mapped to the question they ask; a key not listed is asked as it is.</summary>
    public Dictionary<string, string> MenuQuestions { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        WeChatOptions.ValidateApp(Token, nameof(AppId), AppId, Mode != WeChatSecurityMode.Plaintext, EncodingAesKey);
}
