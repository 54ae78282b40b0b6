using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>Issue 12, item 4: the clause that rules a matter out does not win over the clause that asks.</summary>
public sealed class ContrastTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("不是居住证那个，是居住登记", "居住证", "居住登记")]
    [InlineData("居住证已经办好了，现在想申请积分", "居住证", "现在想申请积分")]
    [InlineData("我是有限公司不是个体户，公司不做了怎么注销", "个体户", "有限公司，公司不做了怎么注销")]
    [InlineData("不要港澳通行证，我要办护照", "港澳通行证", "护照")]
    [InlineData("身份证办好了，现在要给孩子报户口", "身份证", "现在要给孩子报户口")]
    [InlineData("报销已经弄完了，现在问异地备案怎么办", "报销", "现在问异地备案怎么办")]
    [InlineData("我不是要办护照，是港澳通行证续签", "护照", "港澳通行证续签")]
    public void FindsTheRuledOutThingAndTheAsk(string question, string ruledOut, string asking)
    {
        var contrast = ContrastParser.Parse(question);

        Assert.Equal(ruledOut, Assert.Single(contrast.RuledOut));
        Assert.Equal(asking, contrast.Asking);
    }

    // What the person negates leaves the situation the paragraph is chosen on; what they have done already stays in it.
    [Theory]
    [InlineData("我不是要办护照，是港澳通行证续签", "港澳通行证续签")]
    [InlineData("居住证已经办好了，现在想申请积分", "居住证已经办好了，现在想申请积分")]
    public void TheSituationDropsWhatIsNegatedAndKeepsWhatIsDone(string question, string situation) =>
        Assert.Equal(situation, ContrastParser.Parse(question).Situation);

    [Theory]
    [InlineData("不是上海户口能办护照吗")]
    [InlineData("我已经退休了，公积金怎么取")]
    [InlineData("不是本人可以代办吗")]
    [InlineData("退休了公积金怎么取")]
    [InlineData("户口迁出上海要不要准迁证")]
    [InlineData("是不是要先办居住登记")]
    public void AConditionOrAPlainQuestionRulesNothingOut(string question) =>
        Assert.True(ContrastParser.Parse(question).IsEmpty);

    [Theory]
    [InlineData("不是港澳通行证，我要办护照", "crj-passport", "crj-hk-macao")]
    [InlineData("港澳通行证已经办好了，现在要办护照", "crj-passport", "crj-hk-macao")]
    [InlineData("不是退休提取，我租房子想把公积金拿出来付房租", "gjj-rent-withdraw", "gjj-retire-withdraw")]
    [InlineData("我不是要租房提取，我退休了想把公积金全部取出来", "gjj-retire-withdraw", "gjj-rent-withdraw")]
    public async Task TheRuledOutMatterDoesNotWin(string question, string asked, string ruledOut)
    {
        var answer = await fixture.Search.AskAsync(question);

        Assert.Equal(asked, answer.Matters[0].MatterId);
        Assert.DoesNotContain(answer.Matters, m => m.MatterId == ruledOut);
        Assert.Contains($"ruled out {ruledOut}", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARuledOutClauseThatTheAskNamesAgainIsKept()
    {
        var answer = await fixture.Search.AskAsync("护照已经办好了，护照丢了怎么补办");

        Assert.Equal("crj-passport", answer.Matters[0].MatterId);
    }
}
