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

    [Theory]
    [InlineData("2026年退休，3个工作日到账")]
    [InlineData("拨打12345或12329")]
    [InlineData("公积金余额120000元")]
    public void LeavesOrdinaryNumbersAlone(string text) => Assert.Equal(text, PersonalData.Mask(text));
}
