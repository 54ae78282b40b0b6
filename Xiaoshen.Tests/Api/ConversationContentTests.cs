using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// Issue 12, items 7 and 8, as a new user meets them in the chat: the matter of a new question, and the paragraph that
/// answers it. Multi-turn dialogs through POST /api/messages on the repository's real knowledge base.
/// </summary>
public sealed class ConversationContentTests(RepositoryBotApiFactory factory) : IClassFixture<RepositoryBotApiFactory>
{
    private const string Permit = "上海市居住证办理（申领、签注、补领）";
    private const string Points = "上海市居住证积分申请";
    private const string Rent = "提取住房公积金支付房屋租赁费用";
    private const string Purchase = "购买自住住房提取住房公积金";

    [Fact]
    public async Task ANewQuestionThatNamesItsOwnMatterIsNotAnsweredWithThePreviousMatter()
    {
        var client = NewConversation();
        Assert.StartsWith($"**{Permit}**", await AnswerAsync(client, "办居住证需要啥条件"), StringComparison.Ordinal);

        var answer = await AnswerAsync(client, "居住证积分怎么弄啊");

        Assert.StartsWith($"**{Points}**", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionAfterAHotMatterButtonGetsItsOwnMattersSection()
    {
        var client = NewConversation();
        await AnswerAsync(client, Rent);

        var answer = await AnswerAsync(client, "居住证积分要什么材料");

        Assert.StartsWith($"**{Points}** · 申请材料", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABareFollowUpStaysWithTheCurrentMatter()
    {
        var client = NewConversation();
        await AnswerAsync(client, "护照怎么办");

        var answer = await AnswerAsync(client, "那要带什么材料");

        Assert.StartsWith("**普通护照申请** · 申请材料", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsksWhetherAFollowUpMeansTheCurrentMattersSectionOrANewMatter()
    {
        var client = NewConversation();
        await AnswerAsync(client, "租房怎么提取公积金");

        var clarify = (await client.SayAsync("买房要什么材料")).Single(r => r.Type == "message");

        Assert.Contains($"继续问“{Rent}”的申请材料", clarify.Text, StringComparison.Ordinal);
        Assert.Equal($"“{Rent}”的申请材料", clarify.Buttons[0].Title);
        Assert.Contains(clarify.Buttons, b => b.Title == Purchase);
        var answer = await AnswerAsync(client, Purchase);
        Assert.StartsWith($"**{Purchase}**", answer, StringComparison.Ordinal);
        Assert.Contains("材料", answer.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCurrentMattersSectionCanBeChosenFromThatQuestion()
    {
        var client = NewConversation();
        await AnswerAsync(client, "租房怎么提取公积金");
        await client.SayAsync("买房要什么材料");

        var answer = await AnswerAsync(client, $"“{Rent}”的申请材料");

        Assert.StartsWith($"**{Rent}** · 申请材料", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMoneyQuestionAboutAnAllowanceGetsTheAmountNotTheFee()
    {
        var answer = await AnswerAsync(NewConversation(), "高龄津贴多少钱");

        Assert.StartsWith("**老年综合津贴申领** · 老年综合津贴一个月有多少钱？", answer, StringComparison.Ordinal);
        Assert.Contains("每月75元", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("护照怎么办", "普通护照申请")]
    [InlineData("失业金怎么领", "失业保险金申领")]
    public async Task AHowDoIQuestionGetsTheOverviewNotASideParagraph(string question, string matter)
    {
        var replies = await NewConversation().SayAsync(question);

        var text = Text(replies);
        Assert.StartsWith($"**{matter}**\n", text, StringComparison.Ordinal);
        Assert.Contains("谁可以办", text, StringComparison.Ordinal);
        Assert.Contains("怎么办", text, StringComparison.Ordinal);
        Assert.Contains("申请材料", replies.Last(r => r.Type == "message").Suggestions);
    }

    [Fact]
    public async Task HotMatterButtonsOpenWithTheOverviewAndSectionButtons()
    {
        var client = NewConversation();
        var menu = Assert.Single(await client.JoinAsync()).Suggestions;
        Assert.Contains(Rent, menu);
        var knowledge = factory.Services.GetRequiredService<KnowledgeSearch>().Knowledge;

        // The welcome shows a few matters and buttons for the rest by group (更多个人事项, 企业办事); each matter opens.
        var matters = menu.Where(n => knowledge.Matters.Values.Any(m => m.Name == n)).ToList();
        Assert.InRange(matters.Count, 3, menu.Count - 1);
        foreach (var name in matters)
        {
            var replies = await client.SayAsync(name);

            var matter = knowledge.Matters.Values.Single(m => m.Name == name);
            var text = Text(replies);
            Assert.StartsWith($"**{name}**\n\n{matter.Summary}", text, StringComparison.Ordinal);
            Assert.Contains("谁可以办", text, StringComparison.Ordinal);
            Assert.Contains(matter.Sections[SectionKind.Process].Markdown.Split('\n')[0], text, StringComparison.Ordinal);
            Assert.Equal(["申请材料", "办理时限", "收费标准", "办理渠道", "有帮助", "没帮助"], replies.Last(r => r.Type == "message").Suggestions);
        }
    }

    // The typo corrector serves the matter decision; the paragraph is chosen on the words as typed (after the merge with
    // the corrector, 保租房租金 and 无房证明 got the 收费标准 and 办理渠道 sections instead of these FAQs).
    [Theory]
    [InlineData("保租房租金多少钱", "保障性租赁住房与公共租赁住房申请", "保租房租金多少？能租多久？")]
    [InlineData("无房证明在哪开", "不动产登记信息查询", "上海无房证明怎么开？")]
    public async Task TheParagraphIsChosenOnTheWordsAsTyped(string question, string matter, string faq)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {faq}", answer, StringComparison.Ordinal);
    }

    private BotClient NewConversation() => new(factory.CreateClient(), Guid.NewGuid().ToString("N"));

    private static async Task<string> AnswerAsync(BotClient client, string text) => Text(await client.SayAsync(text));

    private static string Text(IReadOnlyList<BotActivity> replies) => string.Join("\n", replies.Where(r => r.Type == "message").Select(r => r.Text));
}
