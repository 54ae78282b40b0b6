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
    [InlineData("补半身份证", "补办身份证")]
    [InlineData("抵押注消", "抵押注销")]
    public void CorrectsUnknownWordsThatSoundLikeContentWords(string typed, string corrected)
    {
        // With the general dictionary too: 半身 and 押注 are words, but 身份证 and 抵押 read there as well.
        var corrector = new TypoCorrector(
            [("退休", 10), ("备案", 5), ("居住证", 8), ("身份证", 8), ("到期", 3), ("补办", 6), ("抵押", 5), ("注销", 5)],
            ["退休", "备案", "居住", "住证", "身份", "份证", "到期", "异地", "地就", "就医", "补办", "抵押", "注销"],
            GeneralDictionary.Words);

        Assert.Equal(corrected, Correct(corrector, typed));
    }

    [Fact]
    public void LeavesKnownWordsAndUnrelatedWordsAlone()
    {
        var corrector = new TypoCorrector([("退休", 10), ("公积金", 10)], ["退休", "公积", "积金"]);

        Assert.Equal("退休了公积金", Correct(corrector, "退休了公积金"));
        Assert.Equal("今天天气不错", Correct(corrector, "今天天气不错"));
    }

    [Theory]
    [InlineData("居住证在哪办", "在内")]
    [InlineData("社保卡丢了怎么办", "证么")]
    [InlineData("要带什么材料", "事么")]
    [InlineData("这个年纪还能办吗", "年级")]
    public void NeverCorrectsFillerOrADictionaryWord(string typed, string wrong)
    {
        // Content words that sound like the question's filler (在内 zai nei ~ 在哪, 证么 ~ 怎么) or like a real word (年级 ~ 年纪).
        var corrector = new TypoCorrector(
            [("在内", 3), ("证么", 1), ("事么", 1), ("年级", 4), ("居住证", 8), ("社保卡", 8), ("材料", 9)],
            ["居住", "住证", "社保", "保卡", "材料"]);

        var corrected = Correct(corrector, typed);

        Assert.Equal(typed, corrected);
        Assert.DoesNotContain(wrong, corrected, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverCutsAContentWordToCorrectWhatFollowsIt()
    {
        // 海长 (hai chang) is unknown and sounds like 海肠 in this content, but 长护险 is a content word that starts inside it.
        var corrector = new TypoCorrector([("海肠", 2), ("长护险", 6), ("上海", 20)], ["上海", "长护", "护险", "海肠"]);

        Assert.Equal("上海长护险怎么申请", Correct(corrector, "上海长护险怎么申请"));
    }

    [Theory]
    [InlineData("自己垫了两万块")]
    [InlineData("2016年低保标准是多少")]
    public void KeepsAWindowWhoseNeighboursReadOnBetterAsTyped(string typed)
    {
        // 万块 sounds like 模块 (万 also reads mo) and 年低 like 年底, but 两万 and 低保 are written in the content; 两模 and 底保 are not.
        var corrector = new TypoCorrector([("模块", 3), ("年底", 4), ("标准", 9)], ["两万", "模块", "低保", "年底", "标准"]);

        Assert.Equal(typed, Correct(corrector, typed));
    }

    [Theory]
    [InlineData("低保伸请条件", "低保申请条件")]
    [InlineData("在哪里伸请", "在哪里申请")]
    [InlineData("要带什么材了", "要带什么材了")]
    [InlineData("下班出了车祸", "下班出了车祸")]
    public void CorrectsAOneCharacterTypoBeforeFillerButNeverTheFiller(string typed, string corrected)
    {
        // 请 and 了 are filler, so 伸 and 材 are words of one character with nothing to make a window of. 伸 is a character the
        // content never writes and 申请 keeps 请; 材了 would have to change the filler into 材料, and 出 is written in the content
        // (出生), so 出了 is no typo of 除了.
        var corrector = new TypoCorrector(
            [("申请", 9), ("低保", 5), ("条件", 8), ("材料", 9), ("除了", 2), ("下班", 2), ("车祸", 1), ("出生", 4)],
            ["申请", "低保", "条件", "材料", "除了", "下班", "车祸", "出生"]);

        Assert.Equal(corrected, Correct(corrector, typed));
    }

    [Theory]
    [InlineData("北京卖房交哪些税", "买房")]
    [InlineData("在上海交了三年社保", "上年")]
    [InlineData("民政局几点上班", "几钿")]
    [InlineData("会计说6月底前要报", "提前")]
    [InlineData("利息低一点", "第一")]
    public void LeavesRealWordsThatTheContentDoesNotUseAlone(string typed, string wrong)
    {
        // Real questions of the dev sets: the content writes 买房, 上年, 几钿 (Shanghainese for 多少钱), 提前 and 第一, never 卖房,
        // 三年 or 几点, and each typed word sounds like one of those. General Chinese knows them; a typo (注消, 正明) it does not.
        TypoCorrector Corrector(IReadOnlySet<string>? dictionary) => new(
            [("买房", 9), ("上年", 4), ("几钿", 1), ("提前", 6), ("第一", 8), ("社保", 9), ("上班", 3), ("民政局", 5), ("利息", 4)],
            ["买房", "上年", "几钿", "提前", "第一", "社保", "上班", "民政", "政局", "利息", "哪些", "上海"],
            dictionary);

        Assert.Equal(typed, Correct(Corrector(GeneralDictionary.Words), typed));
        Assert.Contains(wrong, Correct(Corrector(null), typed), StringComparison.Ordinal);
    }

    private static string Correct(TypoCorrector corrector, string typed)
    {
        using var preparer = new TextPreparer([], corrector);
        return preparer.Prepare(typed).Rewritten;
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
