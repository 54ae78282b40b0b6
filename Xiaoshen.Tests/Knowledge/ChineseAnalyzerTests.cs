using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Tests.Knowledge;

public sealed class ChineseAnalyzerTests
{
    [Fact]
    public void SmartCnSegmentsOfficialMatterNames() =>
        AssertAnalyzesTo(ChineseAnalyzerFactory.CreateWordAnalyzer(), "离退休住房公积金提取", "离退休", "住房", "公积金", "提取");

    [Fact]
    public void FillerWordsAreDroppedButMeaningfulWordsKept() =>
        AssertAnalyzesTo(ChineseAnalyzerFactory.CreateWordAnalyzer(), "请问我想办护照怎么办理呢", "办", "护照", "办理");

    [Fact]
    public void EnglishFunctionWordsAreFillerToo() =>
        AssertAnalyzesTo(ChineseAnalyzerFactory.CreateWordAnalyzer(), "Hi, how do I renew my permit? Please tell me what is needed", "renew", "permit");

    [Fact]
    public void BigramFieldMakesOverlappingPairs() =>
        AssertAnalyzesTo(ChineseAnalyzerFactory.CreateBigramAnalyzer(), "社保卡补办", "社保", "保卡", "卡补", "补办");

    [Theory]
    [InlineData("ＡＰＰ　１２３４５", "app 12345")]
    [InlineData("社保卡補辦", "社保卡补办")]
    [InlineData("  居住证   签注 ", "居住证 签注")]
    [InlineData("Driver’s License", "driver's license")]
    [InlineData("搜索’居住证’", "搜索’居住证’")]
    public void NormalizerFoldsWidthCaseTraditionalAndSpaces(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void NormalizerCapsVeryLongMessages() =>
        Assert.Equal(TextNormalizer.MaxLength, TextNormalizer.Normalize(new string('办', 5000)).Length);

    [Fact]
    public void SynonymsRewriteTyposAndColloquialVerbsToTheContentsTerms()
    {
        using var preparer = new TextPreparer(
        [
            new SynonymRule(["公基金"], "公积金", 1),
            new SynonymRule(["取出来", "提现"], "提取", 2),
        ]);

        var prepared = preparer.Prepare("公基金怎么取出来");

        Assert.Equal("公积金怎么提取", prepared.Rewritten);
        Assert.Equal(["公积金", "提取"], prepared.Words);
    }

    [Fact]
    public void SynonymEquivalenceKeepsTheCanonicalTermWhole()
    {
        using var preparer = new TextPreparer([new SynonymRule(["一网通"], "一网通办", 1)]);

        Assert.Equal("一网通办账户", preparer.Prepare("一网通办账户").Rewritten);
        Assert.Equal("一网通办账户", preparer.Prepare("一网通账户").Rewritten);
    }

    [Fact]
    public void SynonymChainsEndOnOneTerm()
    {
        // 驾使证 is a typo of 驾驶证, and 驾驶证 is an equivalent of 驾照: both sides must meet on 驾照.
        using var preparer = new TextPreparer([new SynonymRule(["驾使证"], "驾驶证", 1), new SynonymRule(["驾驶证"], "驾照", 2)]);

        Assert.Equal("驾照到期", preparer.Prepare("驾使证到期").Rewritten);
    }

    [Fact]
    public void LatinSynonymsOnlyMatchWholeWords()
    {
        using var preparer = new TextPreparer([new SynonymRule(["gjj"], "公积金", 1)]);

        Assert.Equal("公积金 提取", preparer.Prepare("GJJ 提取").Rewritten);
        Assert.Equal("gjjx", preparer.Prepare("gjjx").Rewritten);
    }

    [Fact]
    public void EnglishTermsAreRewrittenInTheirPluralTooButNotInsideLongerWords()
    {
        using var preparer = new TextPreparer([new SynonymRule(["work permit"], "外国人工作许可", 1), new SynonymRule(["tax"], "个税", 2)]);

        Assert.Equal("how to renew 外国人工作许可 and pay 个税", preparer.Prepare("How to renew Work Permits and pay taxes").Rewritten);
        Assert.Equal("taxi and taxonomy", preparer.Prepare("taxi and taxonomy").Rewritten);
    }

    // An English term's Chinese is no term of Chinese text: bring => 要带 made 要带 one, which took the 带 of 护照要带身份证吗
    // from 带身份证 => 带证件, and the ID card to bring became the ID card to apply for.
    [Fact]
    public void AnEnglishTermsChineseDoesNotChangeHowChineseTextIsRewritten()
    {
        using var preparer = new TextPreparer([new SynonymRule(["bring"], "要带", 1), new SynonymRule(["带身份证"], "带证件", 2)]);

        Assert.Equal("护照要带证件吗", preparer.Prepare("护照要带身份证吗").Rewritten);
        Assert.Equal("what to 要带", preparer.Prepare("what to bring").Rewritten);
    }

    // The ways of asking and the section cues are Chinese: an English question is read by them with its terms in Chinese
    // and its filler words left out; the article a goes too, A类 stays. Chinese text stays as typed (资料 is not rewritten);
    // content is read as written.
    [Theory]
    [InlineData("What materials do I need?", "材料 ?")]
    [InlineData("How do I apply for a work permit?", "申请 外国人工作许可?")]
    [InlineData("a类人才工作许可", "a类人才工作许可")]
    [InlineData("社保卡需要什么资料", "社保卡需要什么资料")]
    public void TheCorrectedTextPutsEnglishTermsInChineseAndLeavesOutEnglishFiller(string question, string corrected)
    {
        SynonymRule[] rules = [new(["material"], "材料", 1), new(["apply"], "申请", 2), new(["work permit"], "外国人工作许可", 3), new(["资料"], "材料", 4)];
        using var questions = new TextPreparer(rules, TypoCorrector.None);
        using var content = new TextPreparer(rules);

        Assert.Equal(corrected, questions.Prepare(question).Corrected);
        Assert.Equal(TextNormalizer.Normalize(question), content.Prepare(question).Corrected);
    }

    private static void AssertAnalyzesTo(Lucene.Net.Analysis.Analyzer analyzer, string input, params string[] expected)
    {
        using (analyzer)
        {
            Assert.Equal(expected, ChineseAnalyzerFactory.Terms(analyzer, IndexFields.Words, input));
        }
    }
}
