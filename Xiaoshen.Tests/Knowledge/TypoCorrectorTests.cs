using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>Issue 12, item 9: homophone typos are corrected against the content's own words, not from a list.</summary>
public sealed class TypoCorrectorTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("退修了", "退休了")]
    [InlineData("异地就医被案", "异地就医备案")]
    [InlineData("居主证", "居住证")]
    [InlineData("身分证到期", "身份证到期")]
    public void CorrectsUnknownWordsThatSoundLikeContentWords(string typed, string corrected)
    {
        var corrector = new TypoCorrector([("退休", 10), ("备案", 5), ("居住证", 8), ("身份证", 8), ("到期", 3)], ["退休", "备案", "居住", "住证", "身份", "份证", "到期", "异地", "地就", "就医"]);

        Assert.Equal(corrected, corrector.Correct(typed));
    }

    [Fact]
    public void LeavesKnownWordsAndUnrelatedWordsAlone()
    {
        var corrector = new TypoCorrector([("退休", 10), ("公积金", 10)], ["退休", "公积", "积金"]);

        Assert.Equal("退休了公积金", corrector.Correct("退休了公积金"));
        Assert.Equal("今天天气不错", corrector.Correct("今天天气不错"));
    }

    [Theory]
    [InlineData("退修了公积金怎么取", "gjj-retire-withdraw")]
    [InlineData("社宝卡丢了怎么补", "sb-card")]
    [InlineData("护找过期了怎么换", "crj-passport")]
    public async Task ATypoedQuestionIsAnsweredWithTheRightMatter(string question, string matter)
    {
        var answer = await fixture.Search.AskAsync(question);

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Equal(matter, answer.Matter?.Id);
    }
}
