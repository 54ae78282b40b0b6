using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Tests.Conversations;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("我的身份证310101199001011234", "我的身份证310*************34")]
    [InlineData("身份证号31010119900101123X丢了", "身份证号310*************3X丢了")]
    [InlineData("电话13812345678", "电话138****5678")]
    [InlineData("电话 138-1234-5678 谢谢", "电话 138****5678 谢谢")]
    [InlineData("卡号6222021234567890123", "卡号***************0123")]
    [InlineData("卡号 6222 0212 3456 7890", "卡号 ************7890")]
    public void MasksIdPhoneAndBankCardNumbers(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    // issue 11: every way people write a number in a chat box.
    [Theory]
    [InlineData("手机+86 138 1234 5678", "手机+86 138****5678")]
    [InlineData("手机+8613812345678", "手机+86138****5678")]
    [InlineData("手机 (+86)138-1234-5678", "手机 (+86)138****5678")]
    [InlineData("手机0086 13812345678", "手机0086 138****5678")]
    [InlineData("手机8613812345678", "手机86138****5678")]
    [InlineData("＋８６　１３８１２３４５６７８", "＋８６　１３８****５６７８")]
    public void MasksMobileNumbersWithTheCountryCode(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    [Theory]
    [InlineData("电话１３８１２３４５６７８", "电话１３８****５６７８")]
    [InlineData("身份证３１０１０１１９９００１０１１２３Ｘ", "身份证３１０*************３Ｘ")]
    public void MasksFullWidthDigits(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    [Theory]
    [InlineData("老身份证310101900101123", "老身份证310**********23")]
    [InlineData("身份证 310101 900101 123 补办", "身份证 310**********23 补办")]
    public void MasksFifteenDigitIdNumbers(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    [Theory]
    [InlineData("电话138.1234.5678", "电话138****5678")]
    [InlineData("电话138 - 1234 - 5678", "电话138****5678")]
    [InlineData("电话1 3 8 1 2 3 4 5 6 7 8", "电话138****5678")]
    [InlineData("身份证 310101 19900101 1234", "身份证 310*************34")]
    [InlineData("卡号6222-0212-3456-7890-123", "卡号***************0123")]
    [InlineData("卡号6222.0212.3456.7890", "卡号************7890")]
    [InlineData("电话138 1234 5678 2份材料", "电话138****5678 2份材料")]
    public void MasksNumbersWithSpacesDashesOrDots(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    [Theory]
    [InlineData("电话138\u200B1234\u200B5678", "电话138****5678")]
    [InlineData("电话1\u200C3\u200D8\u20601234\uFEFF5678", "电话138****5678")]
    [InlineData("身份证3101\u200B0119900101\u200B1234", "身份证310*************34")]
    public void MasksNumbersWithZeroWidthCharactersInside(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    [Theory]
    [InlineData("我电话一三八一二三四五六七八", "我电话一三八****五六七八")]
    [InlineData("打幺三八幺二三四五六七八", "打幺三八****五六七八")]
    [InlineData("电话一三八 一二三四 五六七八", "电话一三八****五六七八")]
    [InlineData("号码1三8一2三4五6七8", "号码1三8****五6七8")]
    [InlineData("身份证三一〇一〇一一九九〇〇一〇一一二三四", "身份证三一〇*************三四")]
    [InlineData("电话壹叁捌壹贰叁肆伍陆柒捌", "电话壹叁捌****伍陆柒捌")]
    public void MasksNumbersWrittenInChineseNumerals(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    [Theory]
    [InlineData("家里电话021-64871234", "家里电话021-****1234")]
    [InlineData("座机 0512 6487123", "座机 0512-***7123")]
    public void MasksLandlinesWithTheirAreaCode(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    [Theory]
    [InlineData("2026年退休，3个工作日到账")]
    [InlineData("拨打12345或12329")]
    [InlineData("公积金余额120000元")]
    [InlineData("我2000元的发票")]
    [InlineData("一万二千元，二〇二六年十一月二十七日")]
    [InlineData("1990年出生，2026年退休，工作了三十六年")]
    [InlineData("2026-11-27 10:30 预约")]
    [InlineData("2026.11.27")]
    [InlineData("20261127")]
    [InlineData("留言编号 LY-20261127-0001")]
    [InlineData("办件编号 LY-20261127-12345")]
    [InlineData("事项编码 310100000000")]
    [InlineData("实施编码 11310000002421356X3000117001000")]
    [InlineData("统一社会信用代码 91310115MA1K3ABC2X")]
    [InlineData("第一二三条")]
    [InlineData("三四五个月，七八十元")]
    [InlineData("订单号 123456789012345")]
    [InlineData("1,000,000元")]
    public void LeavesOrdinaryNumbersAlone(string text) => Assert.Equal(text, PersonalData.Mask(text));

    [Theory]
    [InlineData("我的电话是 138 1234 5678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData("幺三八一二三四五六七八", "13812345678")]
    [InlineData("１３８\u200B１２３４５６７８", "13812345678")]
    [InlineData("021-64871234", "021-64871234")]
    [InlineData("零二一 六四八七一二三四", "021-64871234")]
    public void FindsTheCallBackNumberHoweverItIsWritten(string text, string expected) =>
        Assert.Equal(expected, PersonalData.FindPhone(text));

    [Fact]
    public void FindsNoCallBackNumberInAnIncompleteOne() => Assert.Null(PersonalData.FindPhone("12345"));
}
