using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Places;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>Issue 12, item 1: every Chinese place, Shanghai's own places in scope, honest answers about the others.</summary>
public sealed class PlaceTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private KnowledgeSearch Search => fixture.Search;

    [Theory]
    [InlineData("洛阳港澳通行证续签在哪办", "洛阳市")]
    [InlineData("邯郸医疗器械经营许可怎么办", "邯郸市")]
    [InlineData("萧山社保卡怎么补办", "萧山区")]
    [InlineData("义乌的公积金怎么取", "义乌市")]
    [InlineData("深户的公积金怎么提取", "深圳市")]
    [InlineData("粤b的车社保卡怎么办", "广东省")]
    [InlineData("延边的社保卡怎么补", "延边朝鲜族自治州")]
    [InlineData("广东户口迁回海南落户的程序", "广东省")]
    [InlineData("合肥市建设工程竣工联合验收流程图", "合肥市")]
    [InlineData("襄陽的社保卡怎麼補辦", "襄阳市")]
    [InlineData("臺州公積金怎麼提取", "台州市")]
    [InlineData("中山港澳通行证续签在哪办", "中山市")]
    [InlineData("岳阳的社保卡怎么补办", "岳阳市")]
    // Stop 65: a move away from, or to join family in, a named place is that place's procedure (转移, 转出, 投靠 no longer
    // make it a cross-region matter of Shanghai's).
    [InlineData("宿州社保转移怎么办理", "宿州市")]
    [InlineData("杭州夫妻投靠落户要什么条件", "杭州市")]
    [InlineData("芜湖公积金封存了怎么转出", "芜湖市")]
    // Stop 66, a real title (real-dev7.jsonl): a 人 that is not right after the place does not say where the person is from.
    [InlineData("哪些人可以在江西省申领社会保障卡?", "江西省")]
    [InlineData("保定公积金怎么提取", "保定市")]
    // Asked in English: places in pinyin, and the English names places.yaml lists.
    [InlineData("How to apply for a work permit in Beijing", "北京市")]
    [InlineData("Where can I get a driver's license in Chengdu?", "成都市")]
    [InlineData("Can we register our marriage in Japan?", "日本")]
    public async Task QuestionsAboutAnotherPlaceAreNotAnsweredWithShanghaiRules(string question, string place)
    {
        var answer = await Search.AskAsync(question);

        Assert.NotEqual(Decision.Answer, answer.Decision);
        Assert.NotNull(answer.OtherPlace);
        Assert.Equal(place, answer.OtherPlace.Place);
    }

    [Theory]
    [InlineData("浦东新区社保卡补办")]
    [InlineData("张江这边公积金退休提取去哪办")]
    [InlineData("普陀区社保卡丢了怎么补")]
    [InlineData("南京路附近哪里能办港澳通行证")]
    [InlineData("我是河南人在上海办港澳通行证")]
    [InlineData("公积金提交城市是哪里")]
    [InlineData("中山南路那个社保中心周末上班吗")]
    [InlineData("中山医院旁边哪里能办港澳通行证")]
    [InlineData("松江中山街道社区事务受理中心能办社保卡吗")]
    // Stop 56: 郊区 (suburbs) and 城区 are also the full names of districts in other provinces (铜陵市郊区).
    [InlineData("郊区老家的爷爷每月领的那点养老钱怎么涨一点")]
    [InlineData("住在城区，社保卡丢了去哪补")]
    [InlineData("我们小区东区的居住证在哪办")]
    // A move to Shanghai from a named place is Shanghai's matter.
    [InlineData("河南社保转过来怎么办")]
    [InlineData("老家安徽的户口迁入要什么材料")]
    // Someone from another province asks about Shanghai's matter (河南人 says where they are from, not where they ask).
    [InlineData("河南人怎么办港澳通行证")]
    // places.yaml's words: 医保定点 holds 保定 across its words and names no place.
    [InlineData("药店申请医保定点要什么条件")]
    // In English: Shanghai's districts in pinyin (Baoshan is also 保山 in Yunnan), and going to Hong Kong, which is Shanghai's
    // exit-entry matter as in Chinese (去香港的签注怎么续) once synonyms.txt's English term finds the matter.
    [InlineData("How do I get a social security card in Pudong?")]
    [InlineData("I live in Baoshan District, where do I apply for a residence card")]
    [InlineData("How do I renew my Hong Kong and Macao pass?")]
    public async Task ShanghaisOwnPlacesAndWordsThatOnlyLookLikePlacesAreInScope(string question)
    {
        var answer = await Search.AskAsync(question);

        Assert.Null(answer.OtherPlace);
    }

    [Fact]
    public async Task TheAnswerAboutAnotherPlaceIsTheContentsWordingWithTheShanghaiMatterThatHelps()
    {
        var answer = await Search.AskAsync("洛阳港澳通行证续签在哪办");

        Assert.NotNull(answer.OtherPlace);
        Assert.Contains("洛阳市", answer.OtherPlace.Reply, StringComparison.Ordinal);
        Assert.Contains("12345", answer.OtherPlace.Reply, StringComparison.Ordinal);
        Assert.Contains(answer.OtherPlace.Offered, h => h.MatterId == "crj-hk-macao");
        Assert.NotEmpty(answer.OtherPlace.BridgeIntro);
    }

    [Fact]
    public async Task NewWordingInPlacesYamlNeedsNoCodeChange()
    {
        using var content = new TestKnowledgeBase();
        content.Replace("places.yaml", "reply: 小申只解答上海市的政务服务事项。", "reply: 抱歉，{地点}的事请问当地。小申只解答上海市的政务服务事项。");
        var (search, indexer) = KnowledgeFixture.Create(content);
        using (search)
        {
            await indexer.RefreshAsync();

            var answer = await search.AskAsync("洛阳港澳通行证续签在哪办");

            Assert.StartsWith("抱歉，洛阳市的事请问当地。", answer.OtherPlace!.Reply, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ShanghaiWinsATieAndAContentWordIsNotAPlace()
    {
        var finder = new PlaceFinder(PlaceLexicon.Empty, ["提交材料后公安部门审核资源"]);
        using var preparer = new TextPreparer([]);

        Assert.True(Assert.Single(finder.Find("普陀区", preparer.WordBoundaries)).IsShanghai);
        Assert.Empty(finder.Find("公安资源", preparer.WordBoundaries));
        Assert.Empty(finder.Find("提交城市", preparer.WordBoundaries));
        Assert.Equal("交城县", Assert.Single(finder.Find("交城县的社保", preparer.WordBoundaries)).Name);
        Assert.Equal("江苏省", Assert.Single(finder.Find("从江苏迁来的户口", preparer.WordBoundaries)).Name);
        Assert.Equal("从江县", Assert.Single(finder.Find("从江的社保", preparer.WordBoundaries)).Name);
        Assert.True(finder.Count > 3000, $"{finder.Count} place names");
    }

    [Fact]
    public void PlacesSpeltInPinyinAreWholeWords()
    {
        var finder = new PlaceFinder(PlaceLexicon.Empty, []);
        using var preparer = new TextPreparer([]);

        Assert.Equal("成都市", Assert.Single(finder.Find("housing fund in chengdu", preparer.WordBoundaries)).Name);
        Assert.Equal("广东省", Assert.Single(finder.Find("guangdong hukou", preparer.WordBoundaries)).Name);
        Assert.True(Assert.Single(finder.Find("baoshan district", preparer.WordBoundaries)).IsShanghai);
        Assert.Empty(finder.Find("chengdusi", preparer.WordBoundaries));
        Assert.Empty(finder.Find("ask ali about it", preparer.WordBoundaries));
    }
}
