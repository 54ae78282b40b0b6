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

    // 丢了怎么办 after a 社保卡 answer fell back ("这个问题我还不能准确回答"): alone it could be any lost thing, but in this
    // conversation it is the card's FAQ. A question that no FAQ of the card covers still falls back.
    [Fact]
    public async Task AVagueQuestionThatOneOfTheCurrentMattersFaqsCoversIsAnsweredWithIt()
    {
        var client = NewConversation();
        Assert.StartsWith("**社会保障卡申领、补换与挂失**\n", await AnswerAsync(client, "社保卡"), StringComparison.Ordinal);

        Assert.StartsWith("**社会保障卡申领、补换与挂失** · 社保卡丢了怎么补办？", await AnswerAsync(client, "丢了怎么办"), StringComparison.Ordinal);
        Assert.StartsWith("这个问题我还不能准确回答", await AnswerAsync(client, "明天会下雨吗"), StringComparison.Ordinal);
    }

    // 需要股东会决议吗 after a 企业变更登记 answer fell back: no FAQ asks it, but the matter's 申请材料 lists the resolution.
    [Fact]
    public async Task AVagueQuestionThatASectionOfTheCurrentMatterCoversIsAnsweredFromTheMatter()
    {
        var client = NewConversation();
        Assert.StartsWith("**企业变更登记**\n", await AnswerAsync(client, "企业变更登记"), StringComparison.Ordinal);

        var answer = await AnswerAsync(client, "需要股东会决议吗");

        Assert.StartsWith("**企业变更登记** · ", answer, StringComparison.Ordinal);
        Assert.Contains("股东会决议", answer, StringComparison.Ordinal);
    }

    // 公积金提取多久到账 was answered with 租赁提取 at confidence 0.81, 公积金提取需要什么材料 with 退休提取 at 0.76: each withdrawal
    // answers them alike (their documents cover the same share of the question, their scores are within a tenth) and the
    // person named none, so Xiaoshen asks which. Named, the withdrawal is answered.
    [Theory]
    [InlineData("公积金提取多久到账")]
    [InlineData("公积金提取需要什么材料")]
    public async Task AQuestionThatSeveralWithdrawalsAnswerAlikeAsksWhichOne(string question)
    {
        var reply = (await NewConversation().SayAsync(question)).Single(r => r.Type == "message");

        Assert.StartsWith("您想问的是", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Buttons.Count >= 2, "two withdrawals or more are offered");
        Assert.All(reply.Buttons, b => Assert.Contains("提取", b.Title, StringComparison.Ordinal));
        Assert.StartsWith($"**{Rent}**", await AnswerAsync(NewConversation(), "租房提取公积金多久到账"), StringComparison.Ordinal);
    }

    // 那上海呢 after an honest answer about another place was asked "您问的是哪个事项？": the person had named the matter, and
    // now says only that Shanghai is meant. The earlier question is asked of Shanghai; a message about something else is not.
    [Theory]
    [InlineData("北京的驾照到期了怎么换", "我在上海呢", "**机动车驾驶证期满换证与补证**")]
    [InlineData("杭州怎么办居住证", "那浦东的呢", $"**{Permit}**")]
    [InlineData("深圳公积金怎么提取", "上海天气怎么样", "这个问题我还不能准确回答")]
    public async Task AfterAnAnswerAboutAnotherPlaceSayingShanghaiAsksTheSameOfShanghai(string first, string then, string start)
    {
        var client = NewConversation();
        await AssertRepliesAsync(client, first, "小申只解答上海市的政务服务事项");

        await AssertRepliesAsync(client, then, start);
    }

    // 第二个 after 公积金怎么提取 was asked which withdrawal fell back: only the digit 2 picked the second button.
    [Theory]
    [InlineData("第二个", 1)]
    [InlineData("选第一个吧", 0)]
    public async Task APlaceTypedInWordsPicksThatButton(string reply, int index)
    {
        var client = NewConversation();
        var asked = (await client.SayAsync("公积金怎么提取")).Single(r => r.Type == "message");
        Assert.StartsWith("您想问的是", asked.Text, StringComparison.Ordinal);

        Assert.StartsWith($"**{asked.Buttons[index].Title}**", await AnswerAsync(client, reply), StringComparison.Ordinal);
    }

    // After 公积金怎么提取 was asked back, a message that could not be placed (第二十个, which resembles 第二类医疗器械) made
    // two misses in a row: the person offered was of the drug administration, and accepting went to the general desk. The
    // offer names the department of the matters offered, and accepting goes there.
    [Fact]
    public async Task ThePersonOfferedAfterTwoMissesIsOfTheDepartmentOfWhatWasOffered()
    {
        var client = NewConversation();
        await AssertRepliesAsync(client, "公积金怎么提取", "您想问的是");

        var offer = await AnswerAsync(client, "第二十个");
        Assert.Contains("连续两次没能准确回答您", offer, StringComparison.Ordinal);
        Assert.Contains("上海市公积金管理中心", offer, StringComparison.Ordinal);

        Assert.Contains("上海市公积金管理中心", await AnswerAsync(client, "转人工"), StringComparison.Ordinal);
    }

    // 租房的呢 after 公积金怎么提取 was asked which withdrawal fell back, and the second miss offered a person: alone it names
    // nothing Xiaoshen can answer, but it narrows the question before it. A message about something else stays unanswered.
    [Fact]
    public async Task AMessageThatNarrowsAQuestionThatWasAskedBackIsAnsweredWithItsMatter()
    {
        var client = NewConversation();
        await AssertRepliesAsync(client, "公积金怎么提取", "您想问的是");

        await AssertRepliesAsync(client, "租房的呢", $"**{Rent}**");
        await AssertRepliesAsync(client, "要多久", $"**{Rent}** · 办理时限");

        var other = NewConversation();
        await AssertRepliesAsync(other, "公积金怎么提取", "您想问的是");
        await AssertRepliesAsync(other, "明天会下雨吗", "这个问题我还不能准确回答");
    }

    // 没有居住证可以吗 after 小孩上学 switched to the permit's own conditions: the person asks whether the child can enrol
    // without one. A matter one says one lacks, in a yes-or-no question, is one's situation in the current matter; asked
    // how to get it (没有居住证怎么办), or named as the ask, it is a new matter.
    [Fact]
    public async Task AMatterThePersonLacksIsTheirSituationNotANewQuestion()
    {
        var client = NewConversation();
        await AssertRepliesAsync(client, "小孩上学", "**义务教育阶段入学报名**\n");

        await AssertRepliesAsync(client, "没有居住证可以吗", "**义务教育阶段入学报名** · 外地户口孩子在上海上小学要什么条件？");

        var rent = NewConversation();
        await AssertRepliesAsync(rent, "公积金怎么提取租房", $"**{Rent}**");
        await AssertRepliesAsync(rent, "没有租赁备案可以吗", $"**{Rent}** · 租房提取公积金一定要办租赁合同备案吗？");

        var other = NewConversation();
        await AnswerAsync(other, "小孩上学");
        await AssertRepliesAsync(other, "居住证怎么办", $"**{Permit}**");
    }

    // 个体户的 after 注销 was asked which (企业 or 食品经营许可证) got the matter's overview: alone it names only the matter,
    // together with 注销 it asks how to close one. A new matter named after the question stays its overview. (注销 is asked
    // back with the plausible matters' prompt since stop 64's models, with 您想问的是 before: either way it is asked back.)
    [Fact]
    public async Task AMatterNamedAfterAQuestionThatWasAskedBackIsAnsweredForThatQuestion()
    {
        var client = NewConversation();
        var asked = (await client.SayAsync("注销")).First(r => r.Type == "message");
        Assert.Contains(asked.Buttons, b => b.Title == "企业注销登记");

        await AssertRepliesAsync(client, "个体户的", "**个体工商户登记** · 个体户不做了，怎么注销？");

        var other = NewConversation();
        await AssertRepliesAsync(other, "公积金怎么提取", "您想问的是");
        await AssertRepliesAsync(other, "护照", "**普通护照申请**\n");
    }

    // 网上能办吗 as a first question was answered with 公证办理 (an FAQ asks 哪些公证可以在网上办) at confidence 0.79, and
    // 需要什么材料 was asked back between two matters that happen to repeat the words. Neither names a matter: Xiaoshen asks
    // which, and answers the one named next with what was asked.
    [Fact]
    public async Task AQuestionThatAsksOnlyASectionIsAskedWhichMatterAndTheNamedMatterAnswersIt()
    {
        var client = NewConversation();
        Assert.StartsWith("您想了解哪个事项的申请材料？", await AnswerAsync(client, "需要什么材料"), StringComparison.Ordinal);

        var answer = await AnswerAsync(client, "居住证");

        Assert.StartsWith($"**{Permit}** · ", answer, StringComparison.Ordinal);
        Assert.Contains("材料", answer.Split('\n')[0], StringComparison.Ordinal);
        Assert.StartsWith("您想了解哪个事项的办理渠道？", await AnswerAsync(NewConversation(), "网上能办吗"), StringComparison.Ordinal);
        Assert.StartsWith("您想了解哪个事项的办理条件？", await AnswerAsync(NewConversation(), "个人能办吗"), StringComparison.Ordinal);
    }

    // 有效期几年 and 多久能拿到 as first questions were answered with 食品经营许可证延续 (0.78) and 居民身份证 (0.82): nothing but a
    // way of asking names no matter either. Xiaoshen asks which, and answers the one named next with what was asked; 进度怎么查
    // still goes to the matter that is about following an application.
    [Fact]
    public async Task AQuestionThatIsOnlyAWayOfAskingIsAskedWhichMatterAndTheNamedMatterAnswersIt()
    {
        var client = NewConversation();
        Assert.StartsWith("您问的是哪个事项？", await AnswerAsync(client, "有效期几年"), StringComparison.Ordinal);

        var answer = await AnswerAsync(client, "身份证");

        Assert.StartsWith("**居民身份证申领、换领、补领** · 身份证有效期是多久？", answer, StringComparison.Ordinal);
        Assert.StartsWith("您问的是哪个事项？", await AnswerAsync(NewConversation(), "多久能拿到"), StringComparison.Ordinal);
        Assert.DoesNotContain("您问的是哪个事项？", await AnswerAsync(NewConversation(), "进度怎么查"), StringComparison.Ordinal);
    }

    // Follow-ups that name no matter, answered with the current matter's paragraph that asks what they ask:
    // - 网上可以办吗 also holds 可以办吗, a way of asking the conditions: it asks the channel, as 网上办 does; 周末能办吗 asks
    //   when and where, not the conditions that 能办吗 alone asks.
    // - 个人能办吗 after a 食品经营许可 answer was answered with 诊所备案, whose FAQ 个人开诊所需要什么条件 repeats 个人: who asks
    //   (个人, 外地人) and a way of asking name no matter.
    // - 能领多久 after a 失业金 answer asks how long the benefit is paid, not how long the office takes: it got 办理时限.
    [Theory]
    [InlineData("个体户", "个体工商户登记", "网上可以办吗", "办理渠道")]
    [InlineData("个体户", "个体工商户登记", "线上能不能办", "办理渠道")]
    [InlineData("结婚登记", "婚姻登记（结婚、离婚）预约", "周末能办吗", "办理渠道")]
    [InlineData("食品经营许可证", "食品经营许可证核发（新办）", "个人能办吗", "办理条件")]
    [InlineData("失业金怎么领", "失业保险金申领", "能领多久", "失业金能领几个月？")]

    // Found by hand (stop 44): 谁能领 after 低保 and 谁可以办 after 居住证 were both answered with 丧葬补助金's 办理条件,
    // another matter. 谁能 and 谁可以 now ask 办理条件 (chitchat.yaml).
    [InlineData("低保怎么申请", "最低生活保障申请", "谁能领", "办理条件")]
    [InlineData("居住证怎么办", "上海市居住证办理（申领、签注、补领）", "谁可以办", "办理条件")]

    // A message that is only a way of asking that chooses a paragraph (能领吗, 找谁办, 上班吗) and who asks or when (男的,
    // 外地, 周六) stays with the current matter: 男的能领吗 after 生育保险 and 周六上班吗 after 居住证 fell back, 网上可以吗
    // was asked which of three unrelated matters, and 我是外地的可以办吗 after 居住证 whether it meant 异地就医备案.
    [InlineData("生育津贴怎么领", "生育保险待遇申领", "男的能领吗", "办理条件")]
    [InlineData("护照怎么办", "普通护照申请", "找谁办", "办理渠道")]
    [InlineData("居住证", Permit, "我是外地的可以办吗", "外地人怎么办上海居住证？")]
    [InlineData("居住证", Permit, "周六上班吗", "办理渠道")]
    [InlineData("社保卡", "社会保障卡申领、补换与挂失", "网上可以吗", "办理渠道")]

    // 能邮寄吗 after 护照 got 第一次办护照怎么办？: the FAQ says 能寄到家里吗 (synonyms.txt: 寄到家 → 邮寄).
    [InlineData("护照怎么办", "普通护照申请", "能邮寄吗", "护照多久能拿到？能寄到家里吗？")]

    // A bare 多少钱 after a benefit's answer asks the benefit's amount: after 养老金 it got 收费标准 “不收费”. Where no FAQ asks
    // 多少钱 (居住证积分) it is still the fee.
    [InlineData("养老金", "职工退休与养老金申领", "多少钱", "上海的养老金是怎么算的？")]
    [InlineData("居住证积分", Points, "多少钱", "收费标准")]
    public async Task AFollowUpThatNamesNoMatterGetsTheCurrentMattersParagraphThatAsksIt(string first, string matter, string question, string paragraph)
    {
        var client = NewConversation();
        Assert.StartsWith($"**{matter}**\n", await AnswerAsync(client, first), StringComparison.Ordinal);

        Assert.StartsWith($"**{matter}** · {paragraph}", await AnswerAsync(client, question), StringComparison.Ordinal);
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

    // Found by hand in the web chat (stop 29): the question's own words are about a death in the family, only its 去哪弄
    // is a follow-up cue; it was answered with 居住证积分's 办理渠道. The death benefit was offered as a button until
    // stop 41; with the text models trained to convergence it is answered outright (0.65 against 0.53).
    [Fact]
    public async Task AQuestionWhoseOwnWordsAreAboutSomethingElseIsNotAnsweredWithThePreviousMattersSection()
    {
        var client = NewConversation();
        Assert.StartsWith($"**{Points}**", await AnswerAsync(client, "居住证积分怎么弄啊"), StringComparison.Ordinal);

        var reply = (await client.SayAsync("我爸上个月走了，他单位说家属能领一笔钱，去哪弄")).Single(r => r.Type == "message");

        const string DeathBenefits = "参保人员死亡后丧葬补助金、抚恤金申领";
        Assert.DoesNotContain($"**{Points}**", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Text.StartsWith($"**{DeathBenefits}**", StringComparison.Ordinal) || reply.Buttons.Any(b => b.Title == DeathBenefits), reply.Text);
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

    [Theory]
    [InlineData("我手机13812345678，退休了公积金怎么取")]
    [InlineData("我老婆今年刚退休 退休了公积金怎么取")]
    public async Task AQuestionThatOpensWithItsCircumstancesGetsTheFaqWrittenForItsAsk(string question)
    {
        // 手机 and 老婆 are words of the FAQ about family members helping (退休提取公积金可以让家人代办吗？): only circumstances here.
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith("**离休、退休提取住房公积金** · 退休了公积金怎么取出来？", answer, StringComparison.Ordinal);
    }

    // Stop 55: the status 国库处理中 that the tax app shows after a refund passes review was not known to the content, and
    // the question fell back although the refund FAQ answers it.
    [Fact]
    public async Task ARefundStuckAtTheTreasuryGetsTheRefundFaq()
    {
        var answer = await AnswerAsync(NewConversation(), "退税显示国库处理中还要等多久");

        Assert.StartsWith("**个人所得税综合所得年度汇算** · 个税退税多久能到账？", answer, StringComparison.Ordinal);
        Assert.Contains("国库处理中", answer, StringComparison.Ordinal);
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

    // A yes-or-no question asks about what follows its verb: 体检, not the 到期 it opens with (it got 驾照快到期了，怎么换证？);
    // 本人, not 解押 in general. One that asks whether the matter itself is needed gets the FAQ that says when it is.
    [Theory]
    [InlineData("驾驶证到期换证需要体检吗？", "机动车驾驶证期满换证与补证", "驾驶证换证要体检吗？去哪里体检？")]
    [InlineData("解押要本人到场吗", "不动产抵押登记", "注销抵押需要本人去吗？")]
    [InlineData("研究生毕业想在上海落户，要单位申请吗", "非上海生源应届普通高校毕业生进沪就业落户", "应届生落户是单位申请还是个人申请？")]
    [InlineData("饭店营业前要做消防安全检查吗", "公众聚集场所投入使用、营业前消防安全检查", "开饭店、商场、KTV开业前一定要办消防检查吗？")]
    public async Task AYesOrNoQuestionGetsTheFaqAboutWhatItAsks(string question, string matter, string faq)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {faq}", answer, StringComparison.Ordinal);
    }

    // 要登报吗 fits two FAQs of 企业变更登记 alike (a lost licence, 减资): it asks about the one the person is reading. It got
    // the 减资 FAQ after the lost-licence answer, and the first FAQ of the 企业注销 matter before that FAQ said 登报.
    [Theory]
    [InlineData("营业执照丢了", "营业执照丢了或者坏了，怎么补领？")]
    [InlineData("减资要公告多久", "增资、减资怎么办？减资要公告多久？")]
    public async Task AFollowUpThatTwoFaqsFitStaysWithTheFaqBeingRead(string first, string faq)
    {
        var client = NewConversation();
        Assert.StartsWith($"**企业变更登记** · {faq}", await AnswerAsync(client, first), StringComparison.Ordinal);

        var answer = await AnswerAsync(client, "要登报吗");

        Assert.StartsWith($"**企业变更登记** · {faq}", answer, StringComparison.Ordinal);
    }

    // Whether one must go oneself, asked after an answer: it was read as a new question and clarified with three unrelated
    // matters (要本人去吗 after 驾照丢了). It asks the current matter's 办理渠道, or the FAQ that asks it of the matter. Asked
    // after each of the 105 matters, 外地人可以吗 fell back for 86 and 要排队吗 for 101, 审核要几天 and 需要预约吗 were clarified
    // for all but one and 能加急吗 fell back for 104: they ask 办理条件, 办理渠道 and 办理时限 (followups-probe.jsonl).
    [Theory]
    [InlineData("驾照丢了怎么补", "要本人去吗", "机动车驾驶证期满换证与补证", "驾照换证、补证要本人去吗？可以让别人代办吗？")]
    [InlineData("驾照丢了怎么补", "可以代办吗", "机动车驾驶证期满换证与补证", "驾照换证、补证要本人去吗？可以让别人代办吗？")]
    [InlineData("异地就医备案", "要本人去医保中心吗", "异地就医备案", "办理渠道")]
    [InlineData("离开上海提取公积金", "要本人去吗", "离开本市提取住房公积金", "人已经回老家了，还要回上海办离沪提取吗？")]
    [InlineData("公积金租房提取", "外地人可以吗", "提取住房公积金支付房屋租赁费用", "办理条件")]
    [InlineData("居住证怎么办", "要排队吗", Permit, "办理渠道")]
    [InlineData("驾照到期换证", "周末可以吗", "机动车驾驶证期满换证与补证", "办理渠道")]
    [InlineData("居住证怎么办", "审核要几天", Permit, "居住证办好要多久？怎么领取？")]
    [InlineData("驾照到期换证", "能加急吗", "机动车驾驶证期满换证与补证", "办理时限")]
    [InlineData("社保卡丢了", "需要预约吗", "社会保障卡申领、补换与挂失", "")]
    [InlineData("公积金租房提取", "要本人签字吗", "提取住房公积金支付房屋租赁费用", "")]
    [InlineData("居住证怎么办", "今天能办好吗", Permit, "")]
    [InlineData("驾照到期换证", "找哪个部门", "机动车驾驶证期满换证与补证", "办理渠道")]
    [InlineData("护照怎么办", "办好了怎么拿", "普通护照申请", "办理渠道")]
    [InlineData("居住证怎么办", "网上申请的话要多长时间", Permit, "办理时限")]
    public async Task AShortFollowUpAboutGoingThereOrQualifyingStaysWithTheMatter(string first, string then, string matter, string paragraph)
    {
        var client = NewConversation();
        Assert.StartsWith($"**{matter}**", await AnswerAsync(client, first), StringComparison.Ordinal);

        var answer = await AnswerAsync(client, then);

        Assert.StartsWith($"**{matter}** · {paragraph}", answer, StringComparison.Ordinal);
    }

    // An everyday message after an answer is not a question about the matter being read: 周末去哪玩 after any of 100 matters
    // was answered with that matter's 办理渠道, since its 去哪 asks where and 玩 is a single character. A follow-up's characters
    // of its own must be ones the matter's content uses, or many matters do (改, 补, 查). 帮我查一下快递到哪了 was answered with
    // the 办理渠道 of each of 15 matters tried, none of which sends anything by courier: 快递 is a way of asking how papers
    // arrive, which counts only where the matter's content speaks of it (a passport's does).
    [Theory]
    [InlineData("居住证怎么办", Permit, "周末去哪玩")]
    [InlineData("灵活就业社保怎么交", "灵活就业人员参加职工社会保险", "帮我查一下快递到哪了")]
    public async Task AnEverydayQuestionAfterAnAnswerIsNotAnsweredWithTheMattersSection(string first, string matter, string then)
    {
        var client = NewConversation();
        Assert.StartsWith($"**{matter}**", await AnswerAsync(client, first), StringComparison.Ordinal);

        var reply = string.Join("\n", (await client.SayAsync(then)).Where(r => r.Type == "message").Select(r => r.Text));

        Assert.NotEmpty(reply);
        Assert.DoesNotContain($"**{matter}**", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("· 办理渠道", reply, StringComparison.Ordinal);
    }

    // 有效期多久 after an answer about a matter whose content never says how long anything stays valid got a paragraph about
    // something else (有效身份证件 of 申请材料, or when to apply) in 78 of 105 matters. It is told that the content does not
    // say, with the matter's sections and the way to a person; a matter that does say (身份证) answers with that FAQ.
    [Theory]
    [InlineData("租房提取公积金怎么办", Rent, null)]
    [InlineData("身份证怎么办", "居民身份证申领、换领、补领", "身份证有效期是多久？")]
    [InlineData("驾照怎么换证", "机动车驾驶证期满换证与补证", "换证以后驾照有效期是多久？")]
    public async Task AValidityQuestionIsAnsweredOnlyWhereTheContentStatesIt(string first, string matter, string? faq)
    {
        var client = NewConversation();
        Assert.StartsWith($"**{matter}**", await AnswerAsync(client, first), StringComparison.Ordinal);

        var replies = await client.SayAsync("有效期多久");

        var reply = replies.Last(r => r.Type == "message");
        if (faq is null)
        {
            Assert.StartsWith($"“{matter}”的办事资料里没有写到有效期", Text(replies), StringComparison.Ordinal);
            Assert.Contains("转人工", reply.Text, StringComparison.Ordinal);
            Assert.Contains("申请材料", reply.Suggestions);
        }
        else
        {
            Assert.StartsWith($"**{matter}** · {faq}", Text(replies), StringComparison.Ordinal);
        }
    }

    // 公积金贷款要体检吗 got the first FAQ (how to apply), which reads as “no”: no paragraph of the matter mentions 体检. It is told
    // that the content does not say, with the way to a person; a matter that mentions it (驾照换证) answers with that FAQ, and
    // a yes-or-no question whose case an FAQ is about keeps that FAQ though its last word is one the content does not use.
    [Theory]
    [InlineData("公积金贷款要体检吗", "住房公积金个人购房贷款申请", null)]
    [InlineData("驾照换证要体检吗", "机动车驾驶证期满换证与补证", "驾驶证换证要体检吗？去哪里体检？")]
    [InlineData("急诊没带社保卡全自费了，能补报吗", "医疗费用零星报销", "忘带医保卡看病自费了，还能报吗？")]
    public async Task AYesOrNoQuestionAboutSomethingTheContentNeverMentionsIsToldSo(string question, string matter, string? faq)
    {
        var replies = await NewConversation().SayAsync(question);

        if (faq is null)
        {
            Assert.StartsWith($"“{matter}”的办事资料里没有写到体检", Text(replies), StringComparison.Ordinal);
            Assert.Contains("转人工", replies.Last(r => r.Type == "message").Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith($"**{matter}** · {faq}", Text(replies), StringComparison.Ordinal);
        }
    }

    // A short everyday request after an answer, asked outright, is not offered as a question about the matter being read:
    // 话费怎么充 and 哪家医院看牙好 were met with “您是想继续问…吗” after each of 15 matters, since 话费 and 医院 are words
    // that some matter's content uses. Asked outright, a short message's own words must be the current matter's or ones many
    // matters use; asked yes or no (外国人能办吗, 电子版可以吗) any word of the content still makes it the person's case.
    [Theory]
    [InlineData("灵活就业社保怎么交", "灵活就业人员参加职工社会保险", "话费怎么充")]
    [InlineData("居住证怎么办", Permit, "哪家医院看牙好")]
    public async Task AShortEverydayRequestAfterAnAnswerIsNotOfferedAsAFollowUp(string first, string matter, string then)
    {
        var client = NewConversation();
        Assert.StartsWith($"**{matter}**", await AnswerAsync(client, first), StringComparison.Ordinal);

        var reply = string.Join("\n", (await client.SayAsync(then)).Where(r => r.Type == "message").Select(r => r.Text));

        Assert.NotEmpty(reply);
        Assert.DoesNotContain(matter, reply, StringComparison.Ordinal);
    }

    // A setback told after an answer (没通过怎么办, 信息填错了怎么办) is about the matter being read: 信息填错了 was answered with
    // 企业年报's FAQ after a 公积金 answer, 没通过 clarified with three unrelated matters. It gets the FAQ about that setback, or
    // 办理渠道 (where to turn). A state and a bare yes-or-no (退休了可以吗, 我已经60岁了还能办吗) asks whether the person's case fits
    // the current matter: it was clarified between the two retirement matters and 城乡居民养老. Asked after each of the 105
    // matters, 没通过怎么办 and 信息填错了怎么办 stayed for 1 and 退休了可以吗 for none (followups-probe.jsonl).
    [Theory]
    [InlineData("公积金租房提取", "信息填错了怎么办", "提取住房公积金支付房屋租赁费用", "办理渠道")]
    [InlineData("居住证怎么办", "没通过怎么办", Permit, "办理渠道")]
    [InlineData("居住证怎么办", "审核没通过怎么办", Permit, "办理渠道")]
    [InlineData("企业年报怎么报", "信息填错了怎么办", "企业年度报告公示", "年报填错了，提交后还能改吗？")]
    [InlineData("食品经营许可证怎么办", "没通过怎么办", "食品经营许可证核发（新办）", "食品经营许可现场核查查什么？没通过怎么办？")]
    [InlineData("居住证怎么办", "退休了可以吗", Permit, "办理条件")]
    [InlineData("居住证怎么办", "我已经60岁了还能办吗", Permit, "办理条件")]
    public async Task ASetbackOrTheirOwnCaseAfterAnAnswerStaysWithTheMatter(string first, string then, string matter, string paragraph)
    {
        var client = NewConversation();
        Assert.StartsWith($"**{matter}**", await AnswerAsync(client, first), StringComparison.Ordinal);

        var answer = await AnswerAsync(client, then);

        Assert.StartsWith($"**{matter}** · {paragraph}", answer, StringComparison.Ordinal);
    }

    // A short message after an answer that the ranking cannot place, or places elsewhere although it asks yes or no, offers the
    // matter being read first: 能打印吗 after a 居住证 answer was clarified with 社保缴费记录, 不动产查询 and 公积金缴存证明, 能改吗
    // fell back, 没有社保可以吗 after 租赁提取 was answered with 居住证积分. A second probe of 20 other follow-ups after each of the
    // 105 matters (followups-probe2.jsonl) was helped 739 of 2,100 times before, 1,284 after.
    [Theory]
    [InlineData("居住证怎么办", "能打印吗", Permit)]
    [InlineData("公积金租房提取", "没有社保可以吗", Rent)]
    public async Task AShortMessageTheRankingCannotPlaceOffersTheMatterBeingReadFirst(string first, string then, string matter)
    {
        var client = NewConversation();
        await AnswerAsync(client, first);

        var clarify = (await client.SayAsync(then)).Single(r => r.Type == "message");

        Assert.Contains($"您问的是“{matter}”", clarify.Text, StringComparison.Ordinal);
        Assert.Equal(matter, clarify.Buttons[0].Title);
        Assert.True(clarify.Buttons.Count > 1, "the ranking's candidates are offered beside it");

        // The tap answers the question about that matter: with its paragraph, or (打印, which 居住证's content never mentions)
        // by saying that its content does not say.
        var tapped = await AnswerAsync(client, matter);
        Assert.True(tapped.StartsWith($"**{matter}**", StringComparison.Ordinal) || tapped.StartsWith($"“{matter}”的办事资料里没有写到", StringComparison.Ordinal), tapped);
    }

    // Beside the matter being read, only matters the ranking gives a real chance get a button: 能改吗 after 租赁提取 was offered
    // 企业变更登记 and 企业社保开户 at 0.1 % and 0.04 %. With none left, Xiaoshen asks only whether the matter being read is meant,
    // and the tap answers it.
    [Fact]
    public async Task AFollowUpOffersNoMatterTheRankingBarelyConsiders()
    {
        var client = NewConversation();
        await AnswerAsync(client, "公积金租房提取");

        var clarify = (await client.SayAsync("能改吗")).Single(r => r.Type == "message");

        Assert.Equal($"您问的是“{Rent}”吗？如果不是，请换个说法再问一次。", clarify.Text);
        Assert.Equal(Rent, Assert.Single(clarify.Buttons).Title);
        Assert.StartsWith($"**{Rent}**", await AnswerAsync(client, Rent), StringComparison.Ordinal);
    }

    // A short question after an answer, in words that many matters use, is asked of the matter being read first, however the
    // ranking places it alone: 要去几次 after 租赁提取 fell back, 要开什么证明 was answered with 转学, 外国人能办吗 after 居住证 with
    // 外国人工作许可, 身份证过期了还能办吗 with 居民身份证, and 怎么预约 was clarified among 办事预约 and others without 租赁提取. A third
    // probe of 20 follow-ups after each of the 105 matters (followups-probe3.jsonl) was helped 1,397 of 2,100 times before,
    // 1,996 after.
    [Theory]
    [InlineData("公积金租房提取", "要去几次", Rent)]
    [InlineData("公积金租房提取", "要开什么证明", Rent)]
    [InlineData("公积金租房提取", "身份证过期了还能办吗", Rent)]
    [InlineData("公积金租房提取", "怎么预约", Rent)]
    [InlineData("居住证怎么办", "外国人能办吗", Permit)]
    public async Task AShortQuestionAfterAnAnswerIsAskedOfTheMatterBeingReadFirst(string first, string then, string matter)
    {
        var client = NewConversation();
        await AnswerAsync(client, first);

        var clarify = (await client.SayAsync(then)).Single(r => r.Type == "message");

        // 您问的是“…”，还是下面的事项？ or, when the question asks a section, 您是想继续问“…”的办理渠道，还是问下面的事项？
        Assert.Contains($"“{matter}”", clarify.Text, StringComparison.Ordinal);
        Assert.Contains(matter, clarify.Buttons[0].Title, StringComparison.Ordinal);
        Assert.True(clarify.Buttons.Count > 1, "the ranking's candidates are offered beside it");
    }

    // A short question with a topic word of another matter's name is a new question: 怎么结婚 and 工伤怎么认定 after 租赁提取 are
    // answered with their matters, not offered 租赁提取 first.
    [Theory]
    [InlineData("怎么结婚", "婚姻登记（结婚、离婚）预约")]
    [InlineData("工伤怎么认定", "工伤认定申请")]
    public async Task AShortQuestionOnAnotherMattersTopicAfterAnAnswerIsAnsweredWithThatMatter(string then, string matter)
    {
        var client = NewConversation();
        await AnswerAsync(client, "公积金租房提取");

        Assert.StartsWith($"**{matter}**", await AnswerAsync(client, then), StringComparison.Ordinal);
    }

    // A short everyday message after an answer is not offered the matter being read. The elder-mode browser test caught 明天会下雨吗
    // after 退休提取 being offered 退休提取 (that case does not reproduce in this fixture); without the check that the content uses
    // the message's word, 居住证 was offered to 你吃饭了吗 and 股票能买吗.
    [Theory]
    [InlineData("居住证怎么办", "你吃饭了吗")]
    [InlineData("居住证怎么办", "股票能买吗")]
    [InlineData("退休了公积金怎么取", "明天会下雨吗")]
    [InlineData("居住证怎么办", "？")] // nothing but a question mark or question words asks about nothing (stop 49 offered 居住证 to them)
    [InlineData("居住证怎么办", "几几几")]
    public async Task AShortEverydayMessageAfterAnAnswerIsNotOfferedTheMatterBeingRead(string first, string then)
    {
        var client = NewConversation();
        await AnswerAsync(client, first);

        Assert.StartsWith("这个问题我还不能准确回答", await AnswerAsync(client, then), StringComparison.Ordinal);
    }

    // 过期了怎么办 after a 居住证 answer fit 食品经营许可延续 and 外国人居留许可 alike and was clarified with them: a short message
    // that an FAQ of the matter being read covers gets that FAQ, however sure the ranking is of others.
    [Theory]
    [InlineData("居住证怎么办", "过期了怎么办", Permit, "居住证快到期了怎么签注？")]
    [InlineData("护照怎么办", "过期了怎么办", "普通护照申请", "护照快过期了或者过期了怎么换？")]
    public async Task AShortMessageThatAnFaqOfTheMatterBeingReadCoversGetsIt(string first, string then, string matter, string faq)
    {
        var client = NewConversation();
        await AnswerAsync(client, first);

        var answer = await AnswerAsync(client, then);

        Assert.StartsWith($"**{matter}** · {faq}", answer, StringComparison.Ordinal);
    }

    // 那积分呢 after a 居住证 answer got the permit's FAQ 居住证过期了没签注有什么影响？, whose answer mentions 积分; 那台湾呢 after
    // a 护照 answer got 护照和港澳通行证有什么区别？, 报销在哪里办 after 异地就医备案 the filing's 办理渠道. A follow-up that names
    // another matter's topic may ask about that matter: it is answered with it, or asked back with it among the buttons, never
    // with the matter being read alone.
    [Theory]
    [InlineData("居住证怎么办", "那积分呢", Points, Permit)]
    [InlineData("护照怎么办", "那台湾呢", "往来台湾通行证及签注", "普通护照申请")]
    [InlineData("幼升小怎么报名", "那幼儿园呢", "幼儿园入园报名", "义务教育阶段入学报名")]
    [InlineData("二手房过户流程", "那抵押呢", "不动产抵押登记", "不动产转移登记（二手房过户）")]
    [InlineData("租房提取公积金", "那贷款呢", "住房公积金个人购房贷款申请", Rent)]
    [InlineData("异地就医备案怎么办", "报销在哪里办", "医疗费用零星报销", "异地就医备案")] // was the filing's 办理渠道
    [InlineData("二手房过户流程", "抵押有什么条件", "不动产抵押登记", "不动产转移登记（二手房过户）")]
    public async Task AMessageNamingAnotherMattersTopicIsNotAnsweredWithTheMatterBeingRead(string first, string then, string matter, string previous)
    {
        var client = NewConversation();
        Assert.StartsWith($"**{previous}**", await AnswerAsync(client, first), StringComparison.Ordinal);

        // A fallback that offers the matter as a button comes with a second line (您也可以换个说法再问一次…).
        var reply = (await client.SayAsync(then)).First(r => r.Type == "message");

        Assert.True(reply.Text.StartsWith($"**{matter}**", StringComparison.Ordinal) || reply.Buttons.Any(b => b.Title.Contains(matter, StringComparison.Ordinal)), reply.Text);
    }

    // 那如果我是外地户口呢 after an answer fell back (“这个问题我还不能准确回答”) or was offered unrelated matters: "and if…" of
    // the person's case alone asks whether the case fits the matter being read, as 外地户口可以吗 does.
    [Theory]
    [InlineData("驾照到期换证", "那如果我是外地户口呢", "机动车驾驶证期满换证与补证", "外地驾照能在上海换证吗？")]
    [InlineData("结婚登记需要什么", "那如果我是外地户口呢", "婚姻登记（结婚、离婚）预约", "不是上海户口能在上海领结婚证吗？")]
    public async Task AWhatIfOfThePersonsCaseAfterAnAnswerIsAskedOfTheMatterBeingRead(string first, string then, string matter, string faq)
    {
        var client = NewConversation();
        Assert.StartsWith($"**{matter}**", await AnswerAsync(client, first), StringComparison.Ordinal);

        Assert.StartsWith($"**{matter}** · {faq}", await AnswerAsync(client, then), StringComparison.Ordinal);
    }

    // A setback whose other words name one FAQ's case gets that FAQ, not 办理渠道: 写错了 is not in its heading (名字错了).
    [Fact]
    public async Task ASetbackInOneFaqsCaseGetsThatFaq()
    {
        var answer = await AnswerAsync(NewConversation(), "出生证明名字写错了咋改");

        Assert.StartsWith("**出生医学证明办理** · 出生证明上的名字错了或孩子改名了怎么换？", answer, StringComparison.Ordinal);
    }

    // Everyday questions the content had no words for: they fell back (什么时候可以退休, 社保卡密码忘了, 住院报销流程) or got
    // another matter's paragraph (社保卡里的钱 got the FAQ about a deceased person's account; 一网通办怎么预约 the account FAQ).
    [Theory]
    [InlineData("什么时候可以退休", "职工退休与养老金申领", "延迟退休后我哪年可以退休？")]
    [InlineData("社保卡密码忘了", "社会保障卡申领、补换与挂失", "社保卡密码忘了或者被锁了怎么办？")]
    [InlineData("住院报销流程", "医疗费用零星报销", "住院费用医保怎么报销？")]
    [InlineData("社保卡里的钱怎么取出来", "社会保障卡申领、补换与挂失", "社保卡金融功能怎么激活？")]
    [InlineData("一网通办怎么预约", "线下窗口办事预约", "去社区事务受理中心办事怎么预约？")]
    public async Task EverydayQuestionsTheContentLackedAreAnswered(string question, string matter, string faq)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {faq}", answer, StringComparison.Ordinal);
    }

    // Issue 12, item 8: a cue word (去哪, 流程, 要求) named the section, even when the rest of the question is one FAQ's own
    // case; the 办理渠道 section of 居住证 says where to apply, not where to replace a lost card.
    [Theory]
    [InlineData("居住证丢了去哪补", Permit, "居住证丢了怎么补办？")]
    public async Task AQuestionAboutOneFaqsCaseGetsThatFaqDespiteASectionCue(string question, string matter, string faq)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {faq}", answer, StringComparison.Ordinal);
    }

    // Stop 55: 公积金提前还款多少钱 was taken for the 也问 line 公积金 提前还款 (nearly the same characters) and got the FAQ on how
    // to repay early. A question that adds a section its near twin does not ask (多少钱, 要多久, 在哪里办) asks that section.
    [Theory]
    [InlineData("公积金提前还款多少钱", "住房公积金贷款提前还款", "收费标准")]
    [InlineData("公积金提前还款要多久", "住房公积金贷款提前还款", "办理时限")]
    [InlineData("食品经营许可证延续在哪里办", "食品经营许可证延续（告知承诺）", "办理渠道")]
    public async Task ANearTwinOfAnFaqLineThatAddsASectionGetsThatSection(string question, string matter, string section)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {section}", answer, StringComparison.Ordinal);
    }

    // Stop 55: a heading's 多久 made its FAQ an answer to every 要多久, whatever time it asks: 失业金多久能拿到 got 失业金能领几个月？
    // and 居民医保要多久 got 宝宝出生多久要参保？ (a deadline). An FAQ answers how long it takes when one of its clauses asks that
    // (离婚冷静期是多久？怎么算？ does, in its first clause).
    [Theory]
    [InlineData("失业金多久能拿到", "失业保险金申领", "办理时限")]
    [InlineData("居民医保要多久", "城乡居民基本医疗保险参保登记", "办理时限")]
    [InlineData("离婚冷静期几天", "婚姻登记（结婚、离婚）预约", "离婚冷静期是多久？怎么算？")]
    // Stop 56: 离沪提取要封存多久 (a 也问 line of the conditions FAQ) asks how long one waits, 过期多久会被注销 a deadline.
    [InlineData("离沪提取要多久", "离开本市提取住房公积金", "离沪提取公积金多久到账？")]
    [InlineData("驾驶证换证多久能拿到", "机动车驾驶证期满换证与补证", "办理时限")]
    // Stop 56: a 也问 line that asks how long its own case takes (经营范围变更要多久, 延续要多久) answers a question about that
    // case, not every 要多久 of the matter; 减资要公告多久 asks how long a period lasts.
    [InlineData("公司变更多久能拿到", "企业变更登记", "企业变更登记多久能办好？要收费吗？")]
    [InlineData("食品经营许可证延续多久能拿到", "食品经营许可证延续（告知承诺）", "办理时限")]
    public async Task AHowLongQuestionGetsAParagraphThatSaysHowLongItTakes(string question, string matter, string paragraph)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {paragraph}", answer, StringComparison.Ordinal);
    }

    // Stop 55: an FAQ heading that names an address as a thing that changed (个体户要改经营范围、搬地址、换经营者，怎么办？, 店搬到新
    // 地址了…) was taken to ask where, so “在哪里办” got it instead of 办理渠道; 有人说花钱能洗白信用记录 was taken to ask the fee. A
    // heading's clause asks a section only when it asks something.
    [Theory]
    [InlineData("个体户在哪里办", "个体工商户登记")]
    [InlineData("食品经营许可证注销在哪里办", "食品经营许可证注销")]
    // 地址 alone is not a way of asking where (chitchat.yaml): 公司变更找哪个部门 got 公司搬家了，注册地址变更怎么办？.
    [InlineData("公司变更找哪个部门", "企业变更登记")]
    // 父母是集体户口，孩子户口落在哪里？ asks where the 户口 goes, not where to apply.
    [InlineData("报户口找哪个部门", "新生儿出生户口登记")]
    public async Task AHeadingThatNamesAnAddressDoesNotAnswerWhereToApply(string question, string matter)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · 办理渠道", answer, StringComparison.Ordinal);
    }

    // The paragraph answers what is asked, not what the person rules out: this question got the FAQ that compares the permit
    // with a passport (for its 护照), and with the ruled-out clause dropped but its 是 kept, the FAQ about fees (for 续签注).
    // 续签 asks the FAQ about renewing the endorsement.
    [Fact]
    public async Task TheParagraphAnswersTheAskNotTheThingRuledOut()
    {
        var answer = await AnswerAsync(NewConversation(), "我不是要办护照，是港澳通行证续签");

        Assert.StartsWith("**往来港澳通行证及签注** · 港澳签注用完了怎么在自助机或手机上续？", answer, StringComparison.Ordinal);
    }

    // An alias that is only another name opens the overview; one that asks a case (出生证明丢了) gets that case's FAQ.
    [Theory]
    [InlineData("出生证明丢了", "**出生医学证明办理** · 出生证明丢了怎么补办？")]
    [InlineData("租赁提取", $"**{Rent}**\n")]
    // Stop 56: an alias and 怎么办 asks nothing narrower either; 户口迁移怎么办 got 户口迁移收费吗？要多久？.
    [InlineData("户口迁移怎么办", "**户口迁移（投靠、迁入、迁出）**\n")]
    [InlineData("查房产证怎么办", "**不动产登记信息查询**\n")]
    public async Task AnAliasGetsTheOverviewOnlyWhenItAsksNothingNarrower(string question, string start)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith(start, answer, StringComparison.Ordinal);
    }

    // Issue 12, item 8 (高龄津贴多少钱 got 收费标准 “不收费”): in a matter that charges nothing, a question about an amount
    // is about the money the person gets, and the FAQ that asks that amount answers it.
    [Theory]
    [InlineData("上海养老金多少钱一个月", "职工退休与养老金申领", "上海的养老金是怎么算的？")]
    [InlineData("房租可以抵扣个税吗能扣多少", "个人所得税专项附加扣除填报", "在上海租房，住房租金每月能扣多少？")]
    // Stop 55: 低保 had no FAQ about the money, so 低保金标准 got who qualifies and 低保每年可以领多少钱 got “不收费”.
    [InlineData("低保一个月能领多少钱", "最低生活保障申请", "低保标准是多少？每个月能领多少钱？")]
    public async Task AnAmountAskedInAMatterThatChargesNothingGetsTheFaqAboutThatAmount(string question, string matter, string faq)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {faq}", answer, StringComparison.Ordinal);
    }

    // Stop 55: 退休公积金能取多少钱 got 收费标准 “不收费”. A matter that charges nothing and has no FAQ about an amount is
    // asked what the person gets: the paragraph that says it (账户余额和利息一次性全部提取) answers, not the fee. Since stop 56
    // that is the overview (账户余额一次性提取出来并销户), as the question names nothing but the matter.
    [Fact]
    public async Task AnAmountToReceiveIsNotAnsweredWithTheFee()
    {
        var answer = await AnswerAsync(NewConversation(), "退休公积金能取多少钱");

        AssertStartsWithEither(answer, "**离休、退休提取住房公积金** · 退休了公积金怎么取出来？", "**离休、退休提取住房公积金**\n");
        Assert.Contains("一次性", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("收费标准", answer, StringComparison.Ordinal);
    }

    // Stop 56: 多少钱 asked of money that a free matter pays (丧葬补助金, 医药费报销, 离职取公积金) or by the month (一个月多少钱)
    // asks what the person gets, and got 收费标准 “不收费”. The FAQ that asks the amount answers; where none does, the overview
    // (what the matter pays), not an FAQ that repeats the matter's name (退休提取公积金多久能到账？).
    [Theory]
    [InlineData("医药费报销多少钱", "**医疗费用零星报销** · 零星报销能报多少？比例怎么算？")]
    [InlineData("租房提取公积金一个月多少钱", $"**{Rent}** · 租房提取公积金每个月能取多少？")]
    [InlineData("丧葬补助金多少钱", "**参保人员死亡后丧葬补助金、抚恤金申领**\n")]
    // A name of nothing but money (丧抚费) read as a bare follow-up still asks what is paid.
    [InlineData("丧抚费多少钱", "**参保人员死亡后丧葬补助金、抚恤金申领** · 退休老人去世了，丧葬费和抚恤金怎么领？")]
    [InlineData("离职取公积金多少钱", "**离开本市提取住房公积金**\n")]
    [InlineData("退休提取公积金多少钱", "**离休、退休提取住房公积金**\n")]
    public async Task MoneyThatAFreeMatterPaysIsNotAnsweredWithTheFee(string question, string start)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith(start, answer, StringComparison.Ordinal);
        Assert.DoesNotContain("收费标准", answer, StringComparison.Ordinal);
    }

    // A way of asking an amount inside the matter's own name is not one: 报多少 of 企业年报多少钱 spans 年报, so the fee answers.
    [Fact]
    public async Task AnAmountCueInsideTheMattersNameDoesNotAskAnAmount()
    {
        var answer = await AnswerAsync(NewConversation(), "企业年报多少钱");

        Assert.StartsWith("**企业年度报告公示** · 收费标准", answer, StringComparison.Ordinal);
    }

    // Stop 56: the bracketed part of an official name that is also an alias (不动产转移登记（二手房过户）) is what the matter is
    // called, not one FAQ's case: 二手房过户要收费吗 got 二手房过户流程是怎样的？ for its words 二手房过户.
    [Theory]
    [InlineData("二手房过户要收费吗", "**不动产转移登记（二手房过户）** · 收费标准")]
    [InlineData("开办企业需要什么证件", "**企业设立登记（开办企业）** · 申请材料")]
    public async Task TheMattersPopularNameIsNotOneFaqsCase(string question, string start)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith(start, answer, StringComparison.Ordinal);
    }

    // Stop 64, a real title of real-dev5.jsonl: 股东变更需要提交哪些文件 got the FAQ about changing the legal representative;
    // 需要哪些文件 asks for the materials. Written afresh.
    [Fact]
    public Task AskingWhichDocumentsToHandInGetsTheMaterials() =>
        AssertANewConversationIsAnsweredWithAsync("公司改名需要准备哪些文件", "**企业变更登记** · 申请材料");

    // The other side: asking what the service costs (居住证积分要多少钱) still gets the fee, not an FAQ about points.
    [Fact]
    public async Task AskingWhatAFreeServiceCostsStillGetsItsFee()
    {
        var answer = await AnswerAsync(NewConversation(), "居住证积分要多少钱");

        AssertStartsWithEither(answer, $"**{Points}** · 收费标准", $"**{Points}** · 申请居住证积分收费吗？");
    }

    // A bigram across two words of the question (金租 of 公基金|租房) matched an FAQ phrasing that joins the same words
    // (公积金 租房 提取) and outweighed 备案, the word that says what is asked.
    [Fact]
    public async Task AWordOfTheQuestionOutweighsABigramAcrossTwoWords()
    {
        var answer = await AnswerAsync(NewConversation(), "公基金租房提取要备案吗");

        Assert.StartsWith($"**{Rent}** · 租房提取公积金一定要办租赁合同备案吗？", answer, StringComparison.Ordinal);
    }

    // Issue 12, item 8, on real phrasings (sections-real-dev.jsonl): a question that names two sections asks the one it
    // names last. 抵押手续要多久 got 办理流程 because 手续 comes first.
    [Fact]
    public async Task AQuestionAsksTheSectionItNamesLast()
    {
        var answer = await AnswerAsync(NewConversation(), "抵押登记的手续要多久");

        AssertStartsWithEither(answer, "**不动产抵押登记** · 抵押登记要多少钱？多久办好？", "**不动产抵押登记** · 办理时限");
    }

    // Not every 多久 asks the office's time limit: how often (多久能取一次 got 多久到账) and by when (多久必须报户口 got
    // 报户口几天能办好) are asked by the FAQ about that, not the 办理时限.
    [Theory]
    [InlineData("租房提取公积金多久能取一次", Rent, "租房提取可以每个月自动提吗？")]
    [InlineData("新生儿出生多久必须报户口", "新生儿出生户口登记", "孩子出生超过一个月还能报户口吗？")]
    [InlineData("企业成立多久后必须去税务局进行税务申报?", "新办纳税人涉税事项办理", "新公司第一次报税怎么报？没有收入要报吗？")]
    public async Task AskingHowOftenOrByWhenGetsTheFaqThatAsksIt(string question, string matter, string faq)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {faq}", answer, StringComparison.Ordinal);
    }

    // 时限要求 asks the time limit, not the 办理条件 that 要求 alone asks (sections-real-dev9: 轉學申請時限要求 got 办理条件).
    [Theory]
    [InlineData("轉學申請時限要求?", "**中小学转学** · 办理时限")]
    [InlineData("护照办理时限要求", "**普通护照申请** · 办理时限")]
    public async Task ARequirementOfTheTimeAsksTheTimeLimit(string question, string start)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith(start, answer, StringComparison.Ordinal);
    }

    // 住多久才可以办理居住证 asks a condition (居住登记满半年), and got “居住证办好要多久”.
    [Fact]
    public async Task AskingHowLongOneMustLiveHereGetsTheConditions()
    {
        var answer = await AnswerAsync(NewConversation(), "要在上海住多久才能办居住证");

        AssertStartsWithEither(answer, $"**{Permit}** · 办居住证要满足什么条件？", $"**{Permit}** · 办理条件");
    }

    // 社保卡激活怎么操作 got the 办理流程 of applying for a card; the FAQ whose heading asks how to activate it answers.
    [Fact]
    public async Task AProcessQuestionAboutOneCaseGetsTheFaqThatAsksHowToDoIt()
    {
        var answer = await AnswerAsync(NewConversation(), "社保卡银行账户激活怎么操作");

        Assert.StartsWith("**社会保障卡申领、补换与挂失** · 社保卡金融功能怎么激活？", answer, StringComparison.Ordinal);
    }

    // Asked what the matter itself is or is for: the FAQ that asks that of the matter (12345热线是干什么的 got 收费标准), or
    // the overview when there is none (医保共济账户是什么意思 got an FAQ about paying for family members' insurance).
    [Theory]
    [InlineData("12345热线是做什么的", "**12345市民服务热线诉求反映** · 怎么通过12345投诉反映问题？")]
    [InlineData("退役军人优待证有啥用处", "**退役军人优待证申领** · 优待证有什么用？能享受哪些优惠？")]
    [InlineData("医保共济账户是什么意思", "**职工医保个人账户家庭共济**\n")]
    public async Task AskingWhatTheMatterIsGetsWhatItIsFor(string question, string start)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith(start, answer, StringComparison.Ordinal);
    }

    // The other side: asked what something narrower is, the FAQ about that answers, not the overview.
    [Fact]
    public async Task AskingWhatSomethingNarrowerIsGetsItsFaq()
    {
        var answer = await AnswerAsync(NewConversation(), "养老金计算办法是什么");

        Assert.StartsWith("**职工退休与养老金申领** · 上海的养老金是怎么算的？", answer, StringComparison.Ordinal);
    }

    // Issue 12, item 8, round 2 on real phrasings: a question that asks how and names no section got an FAQ that shares
    // its words but asks something else (蓝字发票如何开具负数的发票 → 新公司怎么开数电发票？; 自己交社保怎样交 →
    // 一个月多少钱？). The FAQ whose heading asks how to do the question's case answers, when it fits that case.
    [Theory]
    [InlineData("蓝字发票如何开具负数的发票", "发票领用（数电发票）", "数电发票开错了怎么红冲？")]
    [InlineData("自己交社保怎样交", "灵活就业人员参加职工社会保险", "辞职了没单位，社保怎么自己交？")]
    public async Task AHowQuestionGetsTheFaqThatAsksHowToDoItsCase(string question, string matter, string faq)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        Assert.StartsWith($"**{matter}** · {faq}", answer, StringComparison.Ordinal);
    }

    // Ways of asking a section that people type but the section cues lack (哪个部门, 需要什么, 多少天, 手续费多少) got an FAQ
    // that shared a word (工伤向哪个部门申请 → 申请材料; 办居留证需要什么 → 居留许可怎么延期). They choose the paragraph
    // (chitchat.yaml's paragraph_sections), not the matter.
    [Theory]
    [InlineData("工伤向哪个部门申请", "**工伤认定申请** · 办理渠道")]
    [InlineData("办居留证需要什么", "**外国人居留许可** · 申请材料")]
    [InlineData("申请工伤后多少天认定工伤", "**工伤认定申请** · 办理时限")]
    [InlineData("过二手房手续费多少", "**不动产转移登记（二手房过户）** · 过户登记费多少钱？")]
    public Task AWayOfAskingASectionThatOnlyChoosesTheParagraphGetsThatSection(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // Issue 12, items 5 and 8: people write 负数发票, 异地换证, 换新卡, 签注过期, 逾期, 审车 where the content wrote 红字发票,
    // 换领, 换卡, 再次签注, 错过缴费期, 年检. The content now uses their words (synonyms.txt, 也问 lines, first sentences), so
    // these reach the paragraph that answers them; before, they got a neighbouring FAQ, a section, a clarify or a fallback.
    [Theory]
    [InlineData("负数发票怎么开具", "**发票领用（数电发票）** · 数电发票开错了怎么红冲？")]
    [InlineData("身份证在外地能异地换证吗", "**居民身份证申领、换领、补领** · 外地户口能在上海换、补身份证吗？")]
    [InlineData("社保卡到期了要换新卡吗", "**社会保障卡申领、补换与挂失** · 社保卡坏了、到期或者名字改了怎么换卡？")]
    [InlineData("港澳签注过期了怎么弄", "**往来港澳通行证及签注** · 港澳签注用完了怎么在自助机或手机上续？")]
    [InlineData("居民医保逾期没交还能补吗", "**城乡居民基本医疗保险参保登记** · 错过了集中缴费期还能补交居民医保吗？")]
    [InlineData("汽车审车要带什么", "**机动车检验标志（年检）** · 申请材料")]
    public Task AWordPeopleUseReachesTheParagraphWrittenInTheContentsWord(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // 结婚要带什么材料 got 协议离婚需要准备什么？: 结婚 is in nearly every paragraph of the marriage matter and weighs nothing
    // there, and only the divorce FAQ said 要带哪些材料. The marriage FAQ now says it too (mz-marriage.md).
    [Theory]
    [InlineData("结婚要带什么材料", "**婚姻登记（结婚、离婚）预约** · 领结婚证要带什么？")]
    [InlineData("结婚登记要带什么", "**婚姻登记（结婚、离婚）预约** · 领结婚证要带什么？")]
    [InlineData("离婚要带什么", "**婚姻登记（结婚、离婚）预约** · 协议离婚需要准备什么？")]
    public Task AMarriageQuestionAboutMaterialsIsNotAnsweredWithTheDivorceFaq(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // 发票怎么开 was taken for the very question of 数电发票开错了怎么红冲？, whose 也问 line 负数发票怎么开 is the question with
    // 负数 before it; 驾照到期换证 likewise for 外地驾照能在上海换证吗？ (异地 驾照 到期 换证). A phrasing that narrows the
    // question with words that do not name the matter is not the same question. 身份证怎么办 got the FAQ on a temporary card
    // (临时身份证怎么办): 临时身份证 is an alias, but 临时 names that FAQ's case, not the matter.
    [Theory]
    [InlineData("发票怎么开", "**发票领用（数电发票）** · 新公司怎么开数电发票？")]
    [InlineData("驾照到期换证", "**机动车驾驶证期满换证与补证** · 驾照快到期了，怎么换证？")]
    [InlineData("身份证怎么办", "**居民身份证申领、换领、补领**\n")]
    public Task AnFaqThatNarrowsTheQuestionIsNotTakenForTheSameQuestion(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // An FAQ heading asks, clause by clause, what it names last: 应届生落户上海需要什么条件？ asks the conditions, and its
    // 需要什么 must not make it the answer to a question about materials.
    [Fact]
    public async Task AnFaqThatAsksTheConditionsDoesNotAnswerAQuestionAboutMaterials()
    {
        var answer = await AnswerAsync(NewConversation(), "应届生落户需要什么材料");

        Assert.StartsWith("**非上海生源应届普通高校毕业生进沪就业落户** · 申请材料", answer, StringComparison.Ordinal);
    }

    // Issue 12, item 8, round 3 on real phrasings (sections-real-dev2.jsonl): a question that asks the difference between two
    // things got whatever its words named in passing (简易注销和一般公司注销办理流程区别在哪 → 办理渠道, through 在哪). The FAQ
    // that asks that difference answers.
    [Theory]
    [InlineData("简易注销跟一般注销手续上区别在哪", "**企业注销登记** · 简易注销和一般注销有什么区别？选哪个？")]
    [InlineData("保租房和公租房申请流程有什么不同", "**保障性租赁住房与公共租赁住房申请** · 保租房和公租房有什么区别？")]
    public Task AQuestionAboutADifferenceGetsTheFaqThatAsksIt(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // In a matter that charges nothing, 扣除标准 asks an amount as 扣多少 does: the FAQ about the case asked (子女教育, 赡养老人)
    // answers, not the one FAQ whose 也问 happens to say 标准 (房租抵个税上海标准).
    [Theory]
    [InlineData("子女教育个税扣除标准", "**个人所得税专项附加扣除填报** · 子女教育每月扣多少？夫妻两个人怎么分？")]
    [InlineData("赡养老人个税扣除的标准", "**个人所得税专项附加扣除填报** · 赡养老人扣除是多少？不是独生子女怎么分？")]
    public Task AnAmountAskedInOtherWordsGetsTheFaqAboutItsCase(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // A question about a matter's conditions got an FAQ that merely names a condition cue without fitting the question's case
    // (人力资源许可证办理条件 → 哪些人力资源业务只要备案不用许可？, through 哪些人). 办理条件 answers.
    [Theory]
    [InlineData("人力资源服务许可证的条件", "**人力资源服务许可** · 办理条件")]
    [InlineData("新能源绿牌申请条件", "**新能源汽车专用牌照额度申领** · 办理条件")]
    public Task AConditionsQuestionThatFitsNoFaqsCaseGetsTheConditions(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // Issue 12, item 8, on real phrasings (sections-real-dev2.jsonl): a question asking how long its own case takes got the
    // FAQ whose heading asks how long in general (临时身份证多久能出来 → 身份证多久能拿到？). The FAQ whose 也问 lines ask how
    // long that case takes answers (chitchat.yaml's durations).
    [Theory]
    [InlineData("临时身份证办下来要多久", "**居民身份证申领、换领、补领** · 急着用身份证，能办临时身份证吗？")]
    [InlineData("招用困难人员的补贴什么时候到账", "**企业吸纳就业补贴申领** · 补贴什么时候发？发到哪里？")]
    public Task AskingHowLongACaseTakesGetsTheFaqThatAsksItForThatCase(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // A question about a fine asks 多少钱 of the fine, not of the service: it got 收费标准 (chitchat.yaml's penalties).
    [Theory]
    [InlineData("年检过期被交警查到罚多少钱", "**机动车检验标志（年检）** · 年检过期了会怎么样？")]
    [InlineData("企业年报没报会罚款吗罚多少钱", "**企业年度报告公示** · 忘了报年报会怎样？")]
    public Task AQuestionAboutAFineIsNotAnsweredWithTheFee(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // 限额 and 上限 ask an amount as 额度 does: the FAQ about that amount answers, not the matter's first FAQ.
    [Theory]
    [InlineData("公积金租赁提取每年限额", $"**{Rent}** · 租房提取公积金每个月能取多少？")]
    [InlineData("公积金贷款上限", "**住房公积金个人购房贷款申请** · 上海公积金贷款最多能贷多少？")]
    public Task AskingALimitGetsTheFaqAboutThatAmount(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // A question asks what it names last: 扣除标准怎么填 asks how to fill the form in, not the amount (it got 每月扣多少).
    [Theory]
    [InlineData("专项附加扣除标准怎么填", "**个人所得税专项附加扣除填报** · 专项附加扣除在个税App上怎么填？")]
    [InlineData("个税专项扣除额度怎么填写", "**个人所得税专项附加扣除填报** · 专项附加扣除在个税App上怎么填？")]
    public Task AskingHowAfterAnAmountGetsTheFaqThatAsksHow(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // 什么情况下 asks the conditions (paragraph_sections): it got an FAQ that shared a word, or 办理渠道 through 办.
    [Theory]
    [InlineData("什么情况下能认定为工伤", "**工伤认定申请** · 办理条件")]
    [InlineData("哪种情况下可以办居住证", $"**{Permit}** · 办理条件")]
    public Task AskingInWhichCasesGetsTheConditions(string question, string start) =>
        AssertANewConversationIsAnsweredWithAsync(question, start);

    // 如何申请, 怎样申请, 如何办理 ask how to get the matter done, as 怎么申请 does (paragraph_sections): they got an FAQ that
    // shared a word (城镇居民如何申请低保 → 申请低保要查家里的收入和存款吗？). The FAQ that asks how to apply and 办理流程 answer alike.
    [Theory]
    [InlineData("城镇居民如何申请低保")]
    [InlineData("城镇居民怎样申请低保")]
    public async Task AskingHowToApplyGetsTheWayToApply(string question)
    {
        var answer = await AnswerAsync(NewConversation(), question);

        AssertStartsWithEither(answer, "**最低生活保障申请** · 低保怎么申请？在哪里办？", "**最低生活保障申请** · 办理流程");
    }

    // Asked in English, the way of asking is English too: after a work permit answer, "What materials do I need?" got its
    // 办理时限, "What should I bring?" and "How long does it take?" fell back, and "How do I apply for a work permit?" got
    // an FAQ about the permit's classes. The section cues are Chinese: the question's English terms are put in Chinese
    // first (materials → 材料) and its English filler words (what, do, I) left out. "What are the steps to apply?" was
    // refused as 住宅专项维修资金, a topic outside the catalogue whose phrasing 申请流程 its two words cover.
    [Theory]
    [InlineData("What materials do I need?", "申请材料")]
    [InlineData("What should I bring?", "申请材料")]
    [InlineData("How long does it take?", "办理时限")]
    [InlineData("Can I do it online?", "办理渠道")]
    [InlineData("Who can apply?", "办理条件")]
    [InlineData("What are the steps to apply?", "办理流程")]
    public async Task AnEnglishFollowUpGetsTheSectionItAsks(string followUp, string section)
    {
        var client = NewConversation();
        await AssertRepliesAsync(client, "How do I apply for a work permit in Shanghai?", "**外国人来华工作许可**\n");

        await AssertRepliesAsync(client, followUp, $"**外国人来华工作许可** · {section}");
    }

    // A new conversation's first answer starts with the matter and the paragraph expected.
    private async Task AssertANewConversationIsAnsweredWithAsync(string question, string start) =>
        Assert.StartsWith(start, await AnswerAsync(NewConversation(), question), StringComparison.Ordinal);

    // Where the FAQ and the section answer alike (多久办好, 什么条件), either start is right.
    private static void AssertStartsWithEither(string answer, string one, string other) =>
        Assert.True(answer.StartsWith(one, StringComparison.Ordinal) || answer.StartsWith(other, StringComparison.Ordinal), answer);

    private static async Task AssertRepliesAsync(BotClient client, string question, string start) =>
        Assert.StartsWith(start, await AnswerAsync(client, question), StringComparison.Ordinal);

    private BotClient NewConversation() => new(factory.CreateClient(), Guid.NewGuid().ToString("N"));

    private static async Task<string> AnswerAsync(BotClient client, string text) => Text(await client.SayAsync(text));

    private static string Text(IReadOnlyList<BotActivity> replies) => string.Join("\n", replies.Where(r => r.Type == "message").Select(r => r.Text));
}
