using System.ComponentModel.DataAnnotations;
using Xiaoshen.Bot.Channels.WeChat;

namespace Xiaoshen.Tests.Channels.WeChat;

public sealed class WeChatOptionsTests
{
    [Fact]
    public void AnAccountWithoutATokenIsNotCheckedBecauseItIsNotServed()
    {
        var options = Valid();
        options.Accounts["main"] = new WeChatAccountOptions();
        options.WeComApps["main"] = new WeComAppOptions();

        Assert.Empty(Problems(options));
    }

    [Fact]
    public void ASafeModeAccountNeedsItsKeyAndAppId()
    {
        var options = Valid();
        options.Accounts["main"] = new WeChatAccountOptions { Token = "t", Mode = WeChatSecurityMode.Safe, EncodingAesKey = "short" };

        var problems = Problems(options);

        Assert.Contains(problems, p => p.Contains("AppId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("EncodingAesKey", StringComparison.Ordinal));
    }

    [Fact]
    public void AWeComAppNeedsItsCorpIdAndKey()
    {
        var options = Valid();
        options.WeComApps["corp"] = new WeComAppOptions { Token = "t" };

        var problems = Problems(options);

        Assert.Contains(problems, p => p.Contains("CorpId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("EncodingAesKey", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAccountNameCannotHoldTheConversationSeparator()
    {
        var options = Valid();
        options.Accounts["a:b"] = new WeChatAccountOptions();

        Assert.Contains(Problems(options), p => p.Contains("a:b", StringComparison.Ordinal));
    }

    private static WeChatOptions Valid() => new()
    {
        Texts = new WeChatTexts
        {
            Unsupported = "x", OptionLine = "x", LinkLine = "x", FileLine = "x", Location = "x",
            ReplyWindowClosed = "x", DeliveryFailed = "x", UnknownConversation = "x",
        },
    };

    private static List<string> Problems(WeChatOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? string.Empty).ToList();
    }
}
