using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Tests.Conversations;

public sealed class EntityRecognizerTests
{
    private static readonly EntityRecognizer Recognizer = new(Options.Create(new ConversationOptions()));

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

    // issue 11: Recognizers.Text has no cancellation and 30,000 characters took 159 s, so only the beginning is read.
    [Fact]
    public void ReadsOnlyTheBoundedBeginningOfALongMessage()
    {
        var now = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));
        var recognizer = new EntityRecognizer(Options.Create(new ConversationOptions { MaxRecognizedCharacters = 100 }));

        var early = recognizer.Recognize("明天下午三点打我电话13812345678" + new string('好', 300), now);
        var late = recognizer.Recognize(new string('好', 300) + "明天下午三点打我电话13812345678", now);

        Assert.Contains(early, e => e.Kind == "datetime");
        Assert.Contains(early, e => e.Kind == "phonenumber");
        Assert.Empty(late);
    }

    [Fact]
    public void StopsBeforeTheNextRecognizerOnceCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => Recognizer.Recognize("明天下午三点", DateTimeOffset.UtcNow, cancelled.Token));
    }
}
