using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Tests.Conversations;

public sealed class AnswerComposerTests
{
    [Fact]
    public void SplitsLongTextAtParagraphsWithoutLosingAnything()
    {
        var paragraphs = Enumerable.Range(1, 12).Select(i => $"第{i}段：" + new string('办', 40)).ToArray();
        var text = string.Join("\n\n", paragraphs);

        var chunks = AnswerComposer.Split(text, 200);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 200));
        Assert.Equal(paragraphs, chunks.SelectMany(c => c.Split("\n\n")).ToArray());
    }

    [Fact]
    public void CutsAVeryLongSentenceHard()
    {
        var chunks = AnswerComposer.Split(new string('字', 1000), 300);

        Assert.Equal(4, chunks.Count);
        Assert.Equal(1000, chunks.Sum(c => c.Length));
    }
}
