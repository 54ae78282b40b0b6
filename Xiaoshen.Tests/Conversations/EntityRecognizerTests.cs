using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Tests.Conversations;

public sealed class EntityRecognizerTests
{
    private static readonly EntityRecognizer Recognizer = new();

    [Fact]
    public void FindsPhoneNumbersDatesAndNumbersInChinese()
    {
        var now = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));

        var entities = Recognizer.Recognize("我今年六十岁，明天下午三点打我电话13812345678", now);

        var phone = Assert.Single(entities, e => e.Kind == "phonenumber");
        Assert.Equal("138****5678", phone.Value);
        Assert.Equal("138****5678", phone.Text);
        Assert.Contains(entities, e => e.Kind == "number" && e.Value == "60");
        Assert.Contains(entities, e => e.Kind == "datetime" && e.Value.StartsWith("2026-11-27 15:00", StringComparison.Ordinal));
    }
}
