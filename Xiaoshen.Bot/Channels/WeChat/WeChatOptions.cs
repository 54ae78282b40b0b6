using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// WeChat official accounts (公众号) and WeCom (企业微信) apps. Bound from <c>WeChat</c>. Tokens, secrets and keys come
/// from user-secrets or environment variables (<c>WeChat__Accounts__main__Token</c>); an account or app whose token is
/// empty is not served.
/// </summary>
public sealed class WeChatOptions : IValidatableObject
{
    public const string SectionName = "WeChat";

    /// <summary>Official accounts by the name used in the callback URL (<c>/api/wechat/{name}</c>).</summary>
    public Dictionary<string, WeChatAccountOptions> Accounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>WeCom self-built apps by the name used in the callback URL (<c>/api/wecom/{name}</c>).</summary>
    public Dictionary<string, WeComAppOptions> WeComApps { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The official-account API; tests point it at a loopback fake.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com";

    /// <summary>The WeCom API.</summary>
    [Required, Url]
    public string WeComApiBaseUrl { get; set; } = "https://qyapi.weixin.qq.com";

    /// <summary>
    /// How long a push waits for the answer before answering <c>success</c> and sending the answer through the
    /// message API instead. WeChat gives up after 5 s; 0 always uses the message API.
    /// </summary>
    [Range(0, 4800)]
    public int PassiveReplyMilliseconds { get; set; } = 4500;

    /// <summary>Largest push body accepted (pushes are small XML documents).</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Largest text message, in UTF-8 bytes (WeChat's limit is 2048); longer answers are split.</summary>
    [Range(300, 2048)]
    public int MaxTextBytes { get; set; } = 2000;

    /// <summary>
    /// How far a callback's signed timestamp may be from this server's clock, either way; older or later ones are refused,
    /// so a captured callback cannot be played again later. Keep the server's clock synchronised (NTP).
    /// </summary>
    [Range(60, 3600)]
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>How long a push (its MsgId, or sender and time for events) is remembered, so it is taken only once.</summary>
    [Range(24, 720)]
    public int DeduplicationHours { get; set; } = 24;

    /// <summary>The most pushes (and, apart, signatures) remembered at once; beyond it the oldest are forgotten first.</summary>
    [Range(1000, 10_000_000)]
    public int DeduplicationCapacity { get; set; } = 100_000;

    /// <summary>Attempts per API call (the first included) on network errors, server errors and 系统繁忙.</summary>
    [Range(1, 10)]
    public int SendAttempts { get; set; } = 3;

    /// <summary>Delay before the second attempt; it doubles for each further one.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 500;

    [Range(1, 120)]
    public int HttpTimeoutSeconds { get; set; } = 10;

    /// <summary>An access token is renewed this long before WeChat says it expires.</summary>
    [Range(0, 3600)]
    public int TokenRefreshMarginSeconds { get; set; } = 300;

    /// <summary>The official account may send customer-service messages only this long after the person's last message.</summary>
    [Range(1, 48)]
    public int ReplyWindowHours { get; set; } = 48;

    [Required]
    public WeChatTexts Texts { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = Accounts.Keys.Concat(WeComApps.Keys).Where(n => n.Contains(':', StringComparison.Ordinal) || n.Contains('/', StringComparison.Ordinal));
        foreach (var name in names)
        {
            yield return new ValidationResult($"WeChat account and app names may not contain ':' or '/': {name}");
        }

        var problems = Accounts.SelectMany(a => Check($"WeChat:Accounts:{a.Key}", a.Value))
            .Concat(WeComApps.SelectMany(a => Check($"WeChat:WeComApps:{a.Key}", a.Value)));
        foreach (var problem in problems)
        {
            yield return problem;
        }

        foreach (var result in Check(nameof(Texts), Texts))
        {
            yield return result;
        }
    }

    /// <summary>The rules shared by accounts and apps; one whose token is empty is not served, so it is not checked.</summary>
    internal static IEnumerable<ValidationResult> ValidateApp(string token, string idName, string id, bool keyRequired, string key)
    {
        if (token.Length == 0)
        {
            yield break;
        }

        if (id.Length == 0)
        {
            yield return new ValidationResult($"{idName} is required when Token is set.", [idName]);
        }

        if (keyRequired && !WeChatCrypto.IsValidKey(key))
        {
            yield return new ValidationResult("EncodingAesKey must be 43 letters and digits (compatible and safe mode, WeCom).", ["EncodingAesKey"]);
        }
    }

    private static IEnumerable<ValidationResult> Check(string path, object value)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{path}: {r.ErrorMessage}"));
    }
}
