using Xiaoshen.Knowledge.Content;
using Xiaoshen.Tests.Cli;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>
/// A matter's <c>prereview</c> checklist (issue 16): parsed into documents and rules, and every broken reference reported
/// with the file and line an editor is sent to, in the loader and in <c>kb validate</c>.
/// </summary>
public sealed class PreReviewChecklistTests : IDisposable
{
    private const string File = "matters/sb-card.md";
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static readonly string[] ValidChecklist =
    [
        "prereview:",
        "  notice: 预审不等于受理。",
        "  documents:",
        "    - name: 身份证",
        "      photo: 人像面，四角完整",
        "      keywords: [公民身份号码, 居民身份证]",
        "      visible: [姓名, 公民身份号码, 有效期]",
        "    - name: 申请表",
        "      keywords: [社会保障卡申领表]",
        "      visible: [姓名, 签名]",
        "      optional: true",
        "  rules:",
        "    - 未过期: [身份证]",
        "    - 名称一致: [身份证.姓名, 申请表.姓名]",
        "    - 身份证号校验: [身份证]",
    ];

    private readonly TestKnowledgeBase _kb = new();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public void AChecklistIsReadIntoDocumentsAndRules()
    {
        AddChecklist(ValidChecklist);

        var result = ContentLoader.Load(_kb.ContentPath, Today);

        Assert.Empty(result.Errors);
        var checklist = result.Knowledge!.Matters["sb-card"].PreReview!;
        Assert.Equal("预审不等于受理。", checklist.Notice);
        Assert.Equal(["身份证", "申请表"], checklist.Documents.Select(d => d.Name));
        var card = checklist.Find("身份证")!;
        Assert.Equal([PreReviewField.PersonName, PreReviewField.IdNumber, PreReviewField.ValidUntil], card.Visible);
        Assert.Equal("人像面，四角完整", card.Photo);
        Assert.False(card.Optional);
        Assert.True(checklist.Find("申请表")!.Optional);
        Assert.Equal([PreReviewRuleKind.NotExpired, PreReviewRuleKind.NamesMatch, PreReviewRuleKind.IdChecksum], checklist.Rules.Select(r => r.Kind));
        Assert.Equal([new PreReviewTarget("身份证", PreReviewField.PersonName), new PreReviewTarget("申请表", PreReviewField.PersonName)], checklist.Rules[1].Targets);
        Assert.Null(result.Knowledge.Matters["gjj-retire-withdraw"].PreReview);
    }

    [Theory]
    [InlineData("    - 未过期: [身份证]", "    - 未过期: [营业执照]", "营业执照", "    - 未过期: [营业执照]")]
    [InlineData("    - 身份证号校验: [身份证]", "    - 身份证号码对不对: [身份证]", "不认识的规则", "    - 身份证号码对不对")]
    [InlineData("      visible: [姓名, 签名]", "      visible: [姓名, 签字]", "签字", "    - name: 申请表")]
    [InlineData("    - 名称一致: [身份证.姓名, 申请表.姓名]", "    - 名称一致: [身份证.姓名]", "至少要比较两处", "    - 名称一致")]
    [InlineData("      visible: [姓名, 公民身份号码, 有效期]", "      visible: [姓名, 公民身份号码]", "有效期", "    - 未过期: [身份证]")]
    public void ABrokenChecklistIsReportedWithFileAndLine(string valid, string broken, string expected, string lineText)
    {
        AddChecklist([.. ValidChecklist.Select(l => l == valid ? broken : l)]);

        var result = ContentLoader.Load(_kb.ContentPath, Today);

        Assert.Null(result.Knowledge);
        var error = Assert.Single(result.Errors);
        Assert.Equal(File, error.File);
        Assert.Equal(_kb.LineOf(File, lineText), error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KbValidateReportsABrokenChecklistWithFileAndLineAndExitsOne()
    {
        AddChecklist([.. ValidChecklist.Select(l => l == "    - 未过期: [身份证]" ? "    - 未过期: [户口本]" : l)]);

        var (exit, stdout, _) = await CliProcess.RunAsync(_kb.Root, "kb", "validate", "--path", _kb.ContentPath);

        Assert.Equal(1, exit);
        Assert.Contains($"{File}:{_kb.LineOf(File, "未过期: [户口本]")}", stdout, StringComparison.Ordinal);
        Assert.Contains("户口本", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTenPreReviewMattersInTheRepositoryHaveValidChecklists()
    {
        var result = ContentLoader.Load(TestKnowledgeBase.RepositorySource, Today);

        Assert.Empty(result.Errors);
        var withChecklist = result.Knowledge!.Matters.Values.Where(m => m.PreReview is not null).Select(m => m.Id).Order().ToList();
        Assert.Equal(
            ["qy-change", "qy-establish", "qy-individual-business", "sp-license-change", "sp-license-new", "sp-license-renew", "sp-production-license", "sp-small-catering", "ws-public-place-hygiene", "yj-drug-retail"],
            withChecklist);

        // 告知承诺 applies to the food licence's change and renewal: the person is told before photographing.
        Assert.Contains("告知承诺", result.Knowledge.Matters["sp-license-change"].PreReview!.Notice, StringComparison.Ordinal);
        Assert.Contains("告知承诺", result.Knowledge.Matters["sp-license-renew"].PreReview!.Notice, StringComparison.Ordinal);
        Assert.Contains(result.Knowledge.Matters["sp-license-renew"].PreReview!.Rules, r => r.Kind == PreReviewRuleKind.NotExpired);
    }

    // The checklist goes at the end of sb-card's front matter, before the closing ---.
    private void AddChecklist(string[] lines) =>
        _kb.Replace(File, "\n---\n", "\n" + string.Join('\n', lines) + "\n---\n");
}
