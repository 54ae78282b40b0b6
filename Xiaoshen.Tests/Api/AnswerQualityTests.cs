using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// Issue 12, items 1, 2, 3, 4, 5, 6, 8 and 9, as a new user meets them in the chat: one question each through POST /api/messages
/// on the repository's real knowledge base (105 matters, the trained models of its build).
/// </summary>
public sealed class AnswerQualityTests(RepositoryBotApiFactory factory) : IClassFixture<RepositoryBotApiFactory>
{
    private ConversationMessages Messages => factory.Services.GetRequiredService<IOptions<ConversationMessages>>().Value;

    // Item 1: 邯郸 and 萧山 were not among the ~70 cities the old list knew; the place is named, with where to ask there, and
    // Shanghai's rules are not given. Stop 67: Shanghai issues passports for going abroad, but a passport that a place abroad
    // issues its own people is that place's (香港护照过期了如何更换, a real title of real-dev7.jsonl, was answered with 普通护照申请
    // at 0.83; 香港护照丢了怎么补办 at 0.99), and 澳洲 is Australia (澳洲护照过期怎么办 got 普通护照申请 at 0.97); the mainland passport
    // is not offered to them as a Shanghai matter that helps from this side (it was, as a button, when first fixed).
    [Theory]
    [InlineData("邯郸医疗器械经营许可怎么办", "邯郸市", "12345")]
    [InlineData("萧山社保卡怎么补办", "萧山区", "12345")]
    [InlineData("香港护照丢了怎么补办", "香港特别行政区", "使领馆")]
    [InlineData("澳洲护照过期怎么办", "澳大利亚", "使领馆")]
    [InlineData("澳洲驾照到期了怎么续", "澳大利亚", "使领馆")]
    public async Task AQuestionAboutAnotherPlaceIsAnsweredHonestlyWithThePlaceNamed(string question, string place, string whereToAsk)
    {
        var reply = (await NewConversation().SayAsync(question)).First(r => r.Type == "message");

        Assert.Contains(place, reply.Text, StringComparison.Ordinal);
        Assert.Contains(whereToAsk, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Buttons, b => b.Title == "普通护照申请");
    }

    // Item 1, the other side: a Shanghai resident moving social security, the housing fund or the household away asks about
    // the new place's procedure; the reply says so and offers the Shanghai matter that starts it as a button. Before stop
    // 65, 转到, 转移 and 迁到 made any named place a cross-region mention, and these got Shanghai's answer as if it applied
    // there (2025年宿州市社保转移办理流程指南, a real title, was answered with 社会保险关系转移).
    [Theory]
    [InlineData("社保转到安徽怎么办", "安徽省", "基本养老保险关系跨省转移接续")]
    [InlineData("公积金转移到合肥要多久", "合肥市", "住房公积金异地转移接续")]
    [InlineData("户口迁到江苏要什么手续", "江苏省", "户口迁移（投靠、迁入、迁出）")]
    public async Task AMoveAwayToANamedPlaceIsToldHonestlyWithTheShanghaiMatterAsAButton(string question, string place, string matter)
    {
        var reply = (await NewConversation().SayAsync(question)).First(r => r.Type == "message");

        Assert.Contains(place, reply.Text, StringComparison.Ordinal);
        Assert.Contains("12345", reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Buttons, b => b.Title == matter);
    }

    // Item 3: near-misses of government topics outside the catalogue and everyday questions that share a matter's words,
    // in wordings found nowhere in the content or the eval sets. With the scope model's output taken away each got a
    // neighbouring matter (yb-ltc, yj-drug-retail, bdc-transfer, sfj-legal-aid, sb-retire-apply, fg-rental-filing); a
    // build trained entirely without it still refuses all but 我想租房子, from the dev sets' out-of-scope questions.
    // 我想租房子 itself is below: since the text models are trained to convergence it is asked about, not refused.
    // Since stop 51, 残疾人护理补贴每月能领多少, 公司拖欠工资去哪投诉 and 信用卡还不上了怎么办 are close enough to a listed topic to be
    // told so (below).
    [Theory]
    [InlineData("执业药师注册怎么办")]
    [InlineData("契税怎么交")]
    // Situations no matter serves, worded afresh: the plausible-matters model (item 6) must not offer them buttons either.
    [InlineData("朋友借钱不还，我想去法院告他")]
    [InlineData("孩子发烧三天不退去哪个医院好")]
    [InlineData("网上买的衣服质量太差商家不给退")]
    public async Task AQuestionOutsideTheCatalogueIsNotAnsweredWithANeighbouringMatter(string question)
    {
        var reply = await FirstReplyAsync(question);

        Assert.StartsWith(Messages.Fallback, reply, StringComparison.Ordinal);
    }

    // Item 3: a question close to a topic that out-of-scope.yaml lists is told plainly that it is outside, with no neighbouring
    // matter offered. The issue's own topics were answered with 企业吸纳就业补贴 (残疾人补贴怎么申请, 0.65) and 应届生落户
    // (留学生落户怎么办, 0.53) while the list's phrasings were only the scope model's negatives; and a plain fallback offered
    // 企业吸纳就业补贴 as “您可能想问” to someone asking about a disability allowance. Stop 64: 枫叶卡到期了怎么办 (a real title)
    // was answered with 社保卡 before the topic of foreign residence cards. Stop 65: a question that names the neighbouring
    // matter (开发票 is an alias of 发票领用, 过户 of 二手房过户) is told so too when a topic names it as a narrower case; before,
    // naming the matter skipped the list, and both were answered with the business's or the flat's paragraph.
    [Theory]
    [InlineData("残疾人补贴怎么申请")]
    [InlineData("留学生落户怎么办")]
    [InlineData("残疾人护理补贴每月能领多少")]
    [InlineData("公司拖欠工资去哪投诉")]
    [InlineData("信用卡还不上了怎么办")]
    [InlineData("枫叶卡续签要多久")]
    [InlineData("高德打车怎么开发票")]
    [InlineData("二手车过户要什么材料")]
    [InlineData("二手车过户后几天能拿到车牌")]
    // Stop 66: topics that shared words with a matter and were answered with it (企业年金 with 职工退休, 灵活就业社保补贴 with
    // 企业吸纳就业补贴 at 0.88, 医保定点 for a pharmacy with 药品零售许可).
    [InlineData("企业年金退休了怎么领")]
    [InlineData("灵活就业人员社保补贴怎么领")]
    [InlineData("药店申请医保定点要什么条件")]
    [InlineData("医疗救助需要什么条件")]
    // Stop 67, from real titles of real-dev8.jsonl worded afresh: a taxi's operating permit was answered with 道路货运经营许可
    // at 0.94 (营运证 is its alias); a child's vaccination booklet and a party member's transfer were not refused as topics.
    [InlineData("开出租车的营运证在哪办")]
    [InlineData("孩子疫苗接种本丢了去哪补")]
    [InlineData("党员组织关系怎么转到新单位")]
    // Stop 68, new topics from real titles of real-dev9.jsonl and real-dev10.jsonl (lightning protection was answered with
    // 建设工程竣工验收备案 at 0.94, after-school tutoring with 职业技能培训补贴 at 0.76, an electrician's certificate was offered
    // 食品经营许可证延续, and an insurer's claim after a licence expired was answered with 驾驶证换证 at 0.81), worded afresh:
    // before the topics, the tutoring question was answered with 职业技能培训补贴 at 0.76 and the other three fell back
    // without naming the topic.
    [InlineData("新建仓库的防雷装置验收怎么办")]
    [InlineData("课外培训机构需要办学许可证吗")]
    [InlineData("焊工证过期了去哪里复审")]
    [InlineData("出车祸了保险公司拒赔怎么办")]
    public async Task AQuestionAboutATopicListedAsOutsideIsToldSoWithNoNeighbourOffered(string question)
    {
        var reply = (await NewConversation().SayAsync(question)).Where(r => r.Type == "message").ToList();

        Assert.Equal(Messages.FallbackNotInCatalogue, Assert.Single(reply).Text);
        Assert.Empty(reply[0].Buttons);
    }

    // Stop 66, real phrasings of real-dev6.jsonl: the interest a savings account earns is the account's matter, not the loan's
    // (住房公积金的存款利率怎么算的 was answered with 公积金贷款 at 0.68), and a new employee without an account is the
    // employer's registration, not the account statement (企業新增人員沒有公積金賬號 got 缴存证明 at 0.75).
    [Theory]
    [InlineData("公积金存款利率怎么算", "gjj-deposit-proof")]
    [InlineData("企業新增人員沒有公積金賬號 開通怎么操作", "gjj-unit-register")]
    public Task AnAccountQuestionIsAnsweredWithTheAccountsOwnMatter(string question, string matterId) =>
        AssertAnsweredWithMatterAsync(question, matterId);

    // Stop 68, real titles of real-dev9.jsonl and real-dev10.jsonl worded afresh: a question about a child that names a card
    // or a permit is the child's matter. A child's 医保卡 that was not paid for is the insurance, not the card (answered with
    // 社保卡's 社保卡密码忘记了 at 0.98 for its 忘记); how long a 居住证 must be held before kindergarten is the kindergarten's
    // condition (clarified with 居住证办理 first).
    [Theory]
    [InlineData("宝宝的医保卡忘记缴费了怎么办", "yb-resident-insurance")]
    [InlineData("居住证要满多久孩子才能读幼儿园", "jw-kindergarten")]
    public Task AChildsQuestionThatNamesACardIsAnsweredWithTheChildsMatter(string question, string matterId) =>
        AssertAnsweredWithMatterAsync(question, matterId);

    // The consumer's invoice topic narrows 开发票; it does not take the business's own question.
    [Theory]
    [InlineData("给客户开发票怎么开")]
    [InlineData("公司怎么开发票")]
    public Task ABusinessAskingHowToIssueAnInvoiceIsStillAnsweredWithInvoices(string question) =>
        AssertAnsweredWithMatterAsync(question, "sw-invoice");

    // The issue's own everyday example was answered with 住房租赁合同登记备案 at 0.8-0.95. Someone who wants to rent may
    // still mean the city's 保障性租赁住房, so since stop 41 (text models trained to convergence) the plausible-matters
    // model offers the rental matters to choose from (0.83 against 0.57); it is never answered as if it were one of them.
    [Fact]
    public async Task AnEverydayWishThatSharesAMattersWordsIsNotAnsweredAsThatMatter()
    {
        var reply = await FirstReplyAsync("我想租房子");

        Assert.DoesNotContain("**住房租赁合同登记备案**", reply, StringComparison.Ordinal);
        Assert.False(reply.StartsWith("**", StringComparison.Ordinal), reply);
    }

    // Item 4: the matter the person rules out loses to the one they ask about (without the contrast parser the first two
    // got the ruled-out matter and the third a clarify). Item 9: homophone typos are corrected against the content's own
    // words (without the corrector the last two fell back).
    [Theory]
    [InlineData("不是居住证，是居住登记怎么办", "来沪人员居住登记")]
    [InlineData("我不是退休，是离开上海了公积金怎么取", "离开本市提取住房公积金")]
    [InlineData("不是港澳通行证，我要办护照", "普通护照申请")]
    [InlineData("护找过期了怎么换", "普通护照申请")]
    [InlineData("异地就医被案怎么弄", "异地就医备案")]
    public async Task TheMatterThePersonMeansIsAnswered(string question, string matter)
    {
        var reply = await FirstReplyAsync(question);

        Assert.StartsWith($"**{matter}**", reply, StringComparison.Ordinal);
    }

    // Item 6: a real phrasing whose ranking has the right matter first but not with enough confidence to answer gets a
    // question with the matter as a button, not a bare fallback. (The issue's own example, "社会保障卡没了怎么办理",
    // fell back at first, was asked about after item 6, and is answered outright since the models learnt from the
    // second round of real phrasings in eval/real-dev.jsonl; "听力残疾证怎么办理的条件", "机动车六年年检程序" and
    // "离职多久可以办失业补助金", asked about here before, are answered outright since the third round. "车辆年检一次要多长
    //时间" falls back since the typo corrector stopped rewriting ordinary words: retrained on that, the calibration offers
    // two or more buttons from 0.23 instead of one button from 0.585, which helps more dev questions; with a single
    // plausible matter it now gets no button. See docs/quality.md, 2026-12-01. "上海居住证积分政策详情" falls back since
    // the matter model learnt eval/situations-dev.jsonl, whose questions about a child's school with a 居住证 bring
    // 义务教育阶段入学报名 close: ranking margin 0.36 -> 0.20, confidence 0.134 against a clarify threshold of 0.135;
    // docs/quality.md, 2026-12-02. Since the vocabulary pass of branch h-vocab, "医保绑定家人后报销比例怎么算的呢怎么查询" is
    // answered outright (0.91), "新公司办理社保流程" falls back with its matter as the only one listed (0.41, one plausible
    // matter), and "上海居住证积分政策详情" and "怎么计算养老保险能拿多少钱呢", real-dev lines that fell back or were not
    // asked about, are asked about with two buttons; docs/quality.md, stop 32. Since the text models are trained to
    // convergence (stop 41), "怎么计算养老保险能拿多少钱呢" is answered outright with its matter (0.67 against 0.53). Since
    // stop 66 (real-dev6.jsonl in training, and refused topics no longer holding the threshold up) "上海居住证积分政策详情"
    // is answered outright too (0.67 against 0.46); "公积金满贷条件有哪些", a real-dev line, is asked about (0.41). Since
    // stop 68 (real-dev9 and real-dev10 in training) it is answered outright (0.55 against 0.50), and "上海落户到外地条件要求",
    // a real-dev8 line, is asked about (0.43, with 户口迁移 first). Since stop 70 (the matter model learns the English
    // questions of real-dev11) that one falls back listing 户口迁移 alone (the top 3 plausible at 0.42 against 0.455), and
    // "上海社保缴了10年了,外地户籍快60岁了,可以在上海办理退休吗?", a real-dev line at confidence 0.12, is asked about with
    // 职工退休 first (plausible 0.93).)
    [Theory]
    [InlineData("上海社保缴了10年了,外地户籍快60岁了,可以在上海办理退休吗?", "职工退休与养老金申领")]
    public async Task WhenTheRankingHasPlausibleMattersItAsksWithButtonsInsteadOfFallingBack(string question, string matter)
    {
        var replies = await NewConversation().SayAsync(question);

        var clarify = replies.First(r => r.Type == "message");
        Assert.StartsWith(Messages.ClarifyPlausible, clarify.Text, StringComparison.Ordinal);
        Assert.Contains(clarify.Buttons, b => b.Title == matter);
    }

    // A Shanghai fund member buying a home in another city withdraws from the Shanghai side: that matter is a button (it was
    // not a bridge in places.yaml, and the honest reply offered nothing).
    [Fact]
    public async Task AHomeBoughtInAnotherCityOffersTheShanghaiWithdrawalForAPurchase()
    {
        var reply = (await NewConversation().SayAsync("我在杭州买房了能取公积金吗")).First(r => r.Type == "message");

        Assert.Contains("杭州市", reply.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Buttons, b => b.Value == "购买自住住房提取住房公积金");
    }

    // A name or alias that is one matter's alone is answered, although a neighbour's FAQ repeats its words: 社保卡 was asked
    // back with 城乡居民基本医疗保险参保登记 beside it (for its FAQ on a newborn's 医保卡), 办居住证 with the residence
    // registration and rental filing (whose FAQs ask about 办居住证), 我想开公司 with new taxpayers. Words that several
    // matters share are still asked back.
    [Theory]
    [InlineData("社保卡", "社会保障卡申领、补换与挂失")]
    [InlineData("办居住证", "上海市居住证办理（申领、签注、补领）")]
    [InlineData("我想开公司", "企业设立登记（开办企业）")]
    public async Task AMattersOwnNameIsAnsweredThoughANeighboursFaqRepeatsIt(string question, string matter) =>
        Assert.StartsWith($"**{matter}**", await FirstReplyAsync(question), StringComparison.Ordinal);

    // 公积金提取 was answered with the retirement withdrawal at confidence 0.91: the purchase withdrawal was second on the
    // fused confidence but the leaving-the-city withdrawal, third, covered the question as fully and scored as high.
    [Theory]
    [InlineData("公积金")]
    [InlineData("社保")]
    [InlineData("公积金提取")]
    [InlineData("公积金怎么取")]
    public async Task AWordSeveralMattersShareIsAskedBack(string question) =>
        Assert.StartsWith(Messages.ClarifyPrompt, await FirstReplyAsync(question), StringComparison.Ordinal);

    // Items 2 and 5: a question that describes the person's situation without the matter's name is answered with the
    // matter once the matter model learns from eval/situations-dev.jsonl. These are lines of that set (a real Q&A title
    // and two written by persona); before it they clarified or fell back. Situations worded unlike the set mostly still
    // fall back: trained on half of the set, the other half gains little (docs/quality.md, 2026-12-02).
    [Theory]
    [InlineData("刚辞职还没找到工作，街道说要先去登记一下没工作", "失业登记")]
    public async Task AQuestionThatDescribesASituationIsAnsweredWithItsMatter(string question, string matter)
    {
        var reply = await FirstReplyAsync(question);

        Assert.StartsWith($"**{matter}**", reply, StringComparison.Ordinal);
    }

    // These two were answered at confidence 0.70 against an answer threshold of 0.671; since a real-dev line about 襄陽 is
    // recognised as another place and no longer trains the models, the threshold is 0.71 (branch h-sitconf,
    // docs/quality.md), and they are offered their matter first among the plausible ones. Either is right for the person.
    [Theory]
    [InlineData("公司倒闭后,我能领失业险吗?", "失业保险金申领")]
    [InlineData("卡芯片坏了刷不出来，药房说要换新的", "社会保障卡申领、补换与挂失")]
    // Item 6 for situations, worded afresh (in none of the sets): this one fell back (0.54 < 0.67 with one close matter)
    // until the plausible-matters model offered its matter first (2026-12-02, branch h-sitclar); since stop 67 (real-dev8
    // in training) it is answered outright, as 孩子刚生下来，医院给的那张纸要去哪里换户口 has been since stop 64.
    [InlineData("媳妇刚在医院生完，娃的户口落在谁那边，去哪办", "新生儿出生户口登记")]
    public async Task AQuestionThatDescribesASituationIsAnsweredWithItsMatterOrOfferedItFirst(string question, string matter)
    {
        var reply = (await NewConversation().SayAsync(question)).First(r => r.Type == "message");

        if (!reply.Text.StartsWith($"**{matter}**", StringComparison.Ordinal))
        {
            Assert.StartsWith(Messages.ClarifyPlausible, reply.Text, StringComparison.Ordinal);
            Assert.Equal(matter, reply.Buttons[0].Title);
        }
    }

    // Search titles pad the ask with words that are not the question (最新政策, 攻略, 详解), people with ways of asking (想问一下,
    // 小白求问, 有谁知道) and greetings (你好小申，我想问…), web titles with the site (- 知乎), phones with emoji (🙏, 👍🏻): the
    // reply is the one to the plain question. Written afresh, in none of the sets. Before the padding list (chitchat.yaml)
    // the first was offered buttons; before stop 59's words, openers and emoji, 养老金怎么算 fell back with 想问一下 or 有谁知道
    // in front, 失业金怎么领 with 🙏 got the FAQ on how to apply, not the overview (34 of 90 such variants of 15 questions were
    // answered otherwise), 你好小申，我想问养老金怎么算 fell back and 你好，公司改名 was greeted back. Stop 60: 上海低保户 and
    // 请问出生医学证明 got other paragraphs than the names alone, 急！食品证到期 another paragraph than the overview, and the " - "
    // left by 知乎 made 驾照到期换证需要体检吗 the FAQ on renewing, not the one on the medical; 呢 and 啊 after a name did not
    // let it be the name (人力资源许可证呢？ was answered otherwise than 人力资源许可证). Stop 61: a homophone typo found the matter
    // but not the paragraph, because the paragraph was chosen on the text as typed (户口签移怎么办 got the FAQ on 准迁证, not
    // the overview; 护招几天能拿到 the section 办理时限, not the FAQ on how long a passport takes), and a typo of a word that
    // synonyms.txt rewrites, which the index never holds, was not corrected at all (低宝条件 and 驾招丢了咋补 fell back); the
    // light verb 进行 made 需要进行体检吗 ask about 进行体检, which no FAQ names, so the FAQ on renewing answered.
    [Theory]
    [InlineData("外地老公怎么投靠落户上海", "外地老公怎么投靠落户上海最新政策")]
    [InlineData("养老金怎么算", "想问一下，养老金怎么算")]
    [InlineData("养老金怎么算", "有谁知道养老金怎么算")]
    [InlineData("食品经营许可证怎么办", "食品经营许可证怎么办 - 知乎")]
    [InlineData("失业金怎么领", "失业金怎么领🙏")]
    [InlineData("单位社保怎么开户", "单位社保怎么开户👍🏻")]
    [InlineData("养老金怎么算", "你好小申，我想问养老金怎么算")]
    [InlineData("公司改名", "你好，公司改名")]
    [InlineData("失业金怎么领", "小申，失业金怎么领")]
    [InlineData("低保户", "上海低保户")]
    [InlineData("出生医学证明", "请问出生医学证明")]
    [InlineData("食品证到期", "急！食品证到期")]
    [InlineData("驾照到期换证需要体检吗", "驾照到期换证需要体检吗 - 知乎")]
    [InlineData("人力资源许可证", "人力资源许可证呢？")]
    [InlineData("户口迁移怎么办", "户口签移怎么办")]
    [InlineData("护照几天能拿到", "护招几天能拿到")]
    [InlineData("上海失业金领取流程", "上海失业金令取流程")]
    [InlineData("低保条件", "低宝条件")]
    [InlineData("驾照丢了咋补", "驾招丢了咋补")]
    [InlineData("驾驶证到期换证需要体检吗", "驾驶证到期换证需要进行体检吗")]
    public async Task ANoisyQuestionIsAnsweredAsItsPlainForm(string plain, string noisy)
    {
        var expected = await FirstReplyAsync(plain);

        Assert.StartsWith("**", expected, StringComparison.Ordinal);
        Assert.Equal(expected, await FirstReplyAsync(noisy));
    }

    // An alias alone names the matter: it is answered with the overview, not with an FAQ one of whose phrasings adds a case
    // to it (出生医学证明 got 出生证明上的名字错了或孩子改名了怎么换？ for its 也问 出生医学证明换发, 人力资源许可证 the FAQ on a
    // change of name or address). An alias that holds a paragraph's cue asks that paragraph (低保申请条件 got the overview).
    [Theory]
    [InlineData("出生医学证明", "**出生医学证明办理**\n")]
    [InlineData("人力资源许可证", "**人力资源服务许可**\n")]
    [InlineData("低保申请条件", "**最低生活保障申请** · ")]
    public async Task AnAliasAloneIsTheMatterUnlessItAsksAParagraph(string alias, string reply) =>
        Assert.StartsWith(reply, await FirstReplyAsync(alias), StringComparison.Ordinal);

    // A message made only of padding leaves nothing to ask about: it is searched as it is, and no matter is answered or
    // offered for it.
    [Theory]
    [InlineData("最新政策")]
    [InlineData("政策解读一览")]
    public async Task AMessageMadeOnlyOfPaddingIsNotAnswered(string message)
    {
        var reply = await FirstReplyAsync(message);

        Assert.StartsWith(Messages.Fallback, reply, StringComparison.Ordinal);
    }

    // Issue 12, item 8: a search title that names the matter and asks its 流程 got an FAQ that only repeats the name
    // (上海居转户流程 → 居转户可以个人自己申请吗？); one that names a case of the matter keeps that case's FAQ (补办, 签注); a web
    // title's padding (全攻略) asks nothing narrower than the matter.
    [Theory]
    [InlineData("上海居转户流程", "hj-permit-to-hukou/Process")]
    [InlineData("领结婚证需要带什么 结婚登记流程有哪些", "mz-marriage/Process")]
    [InlineData("上海身份证补办流程", "hj-id-card#2")]
    [InlineData("上海居住证签注流程", "hj-residence-permit#4")]
    [InlineData("公共场所卫生许可证办理全攻略", "ws-public-place-hygiene/overview")]
    public Task AQuestionThatNamesTheMatterAndAsksItsProcessGetsTheProcess(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // 年报申报时间 asks by when to file, as 截止 does (chitchat.yaml, deadlines): the FAQ about the filing period answers,
    // not one that shares 营业执照 (年报用电子营业执照登录).
    [Theory]
    [InlineData("工商营业执照年报申报时间?", "qy-annual-report#2")]
    [InlineData("新公司注册后税务申报时间规定?", "sw-new-taxpayer#4")]
    public Task AQuestionAboutWhenToFileGetsTheFaqAboutTheFilingPeriod(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // Issue 12, item 8: a long word says no more than a short one. 个体工商户 and 许可证 spread over many bigrams outweighed
    // the word that asks (报税, 条件), so the FAQ that repeats the names won (个体户营业执照网上怎么办？).
    [Theory]
    [InlineData("个体工商户多久报税一次", "qy-individual-business#7")]
    [InlineData("个税减免孩子3岁从什么时候开始扣", "sw-iit-deductions#3")]
    [InlineData("退休金要怎样申领?领到条件是什么", "sb-retire-apply/Conditions")]
    public Task AWordThatAsksOutweighsTheLongNamesAroundIt(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // A matter's own alias and a way of asking to have it done, nothing else, as real searches put it: 高龄补贴怎么办理 fell back
    // (confidence 0.15), while 高龄补贴怎么办 was answered, because 办理 and 流程 are words the matter's names lack. Of 3,372
    // alias + 怎么办/怎么办理/流程 questions, 47 fell back and 10 were clarified; now 2 and 3. Another place still is not.
    // Since stop 56 an alias with 怎么办理 opens the overview, as the alias alone does (高龄补贴怎么办理 got 办理流程).
    [Theory]
    [InlineData("高龄补贴怎么办理", "mz-elderly-allowance/overview")]
    [InlineData("组合贷流程", "gjj-loan-apply#4")]
    [InlineData("退休工资怎么办理", "sb-retire-apply/overview")]
    public Task AMattersOwnNameAndAWayOfAskingToHaveItDoneIsAnswered(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // A matter's own alias and nothing but a way of asking a paragraph: 公证多久能拿到 was answered as 身份证 (its FAQ 身份证多久
    // 能拿到？ repeats the words), 企业年报找哪个部门 and 护照找哪个部门 fell back to 12345, 居住证积分外地人可以办吗 got 居住证.
    // 企业年报找哪个部门 gets the FAQ 企业年报在哪里报？.
    [Theory]
    [InlineData("公证多久能拿到", "sfj-notary#5")]
    [InlineData("企业年报找哪个部门", "qy-annual-report#1")]
    [InlineData("护照找哪个部门", "crj-passport/Channels")]
    [InlineData("居住证积分外地人可以办吗", "hj-residence-points#2")]
    public Task AMattersOwnNameAndAWayOfAskingAParagraphIsThatMatter(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // How long a card or licence stays valid, asked 能用多久 or 管几年, got the FAQ about how long the office takes (身份证多久
    // 能拿到？, 食品经营许可证多久能下来？) in 40 of 105 probe lines: the FAQ that asks the validity answers, or where none does,
    // the one that asks by when to renew.
    [Theory]
    [InlineData("身份证能用多久", "hj-id-card#8")]
    [InlineData("食品经营许可证能用多久", "sp-license-new#4")]
    [InlineData("居留许可有效期多久", "crj-foreigner-residence#3")]
    public Task AValidityQuestionGetsTheFaqAboutValidityNotTheTimeLimit(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // The words of a way of asking the validity are not the paragraph's to share: 居住证有效期多久 got 居住证办好要多久？ (多久),
    // 劳务派遣资质能用多久 the FAQ on opening such a company; the paragraph that names the validity answers (…有效期届满前…).
    [Theory]
    [InlineData("居住证有效期多久", "hj-residence-permit#4")]
    [InlineData("劳务派遣资质能用多久", "qy-labor-dispatch#3")]
    [InlineData("驾照换证能用多久", "jj-license-renewal#9")]
    public Task AValidityQuestionIsNotAnsweredForTheWordsItAsksWith(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // 进度怎么查 of a matter got its first FAQ (居住证积分怎么申请？) or a section about something else, and 身份证进度怎么查 fell
    // back: the FAQ that tells where to follow the application answers (…进度可在随申办查询), or else 办理渠道.
    [Theory]
    [InlineData("身份证进度怎么查", "hj-id-card#5")]
    [InlineData("公证进度怎么查", "sfj-notary/Channels")]
    [InlineData("个体户办理进度查询", "qy-individual-business/Channels")]
    public Task AProgressQuestionGetsWhereToFollowTheApplication(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // A question that names one stage of a matter got an FAQ about another stage for the words they share: 如何在网上注销个体户
    // 营业执照 got 想开个小店，个体户营业执照网上怎么办？ (its 也问 line 个体户 营业执照 网上办理), 残疾证丢了去哪补 got how to apply.
    [Theory]
    [InlineData("如何在网上注销个体户营业执照", "qy-individual-business#5")]
    [InlineData("残疾证丢了去哪补", "cl-disability-card#5")]
    [InlineData("出版物经营许可证网上怎么注销", "wlj-publication#7")]
    public Task AQuestionAboutOneStageOfAMatterGetsTheFaqAboutThatStage(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // In a matter that spans stages, 办理流程 walks through them all: 网上个体户营业执照注销流程 got it, and 护照换证流程 got how to
    // apply for the first time. The FAQ whose heading asks how to do the stage named answers; the 流程 of a matter with one
    // stage is still 办理流程.
    [Theory]
    [InlineData("网上个体户营业执照注销流程", "qy-individual-business#5")]
    [InlineData("护照换证流程", "crj-passport#5")]
    [InlineData("开药店换证的步骤", "yj-drug-retail#5")]
    [InlineData("企业注销流程", "qy-deregister/Process")]
    public Task TheProcessOfOneStageIsTheFaqAboutThatStage(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // The same for another section that does not speak of the stage: 营业执照补办…有哪些要求 got 企业变更登记's 办理条件 and
    // 食品生产许可证到期了怎么办？延续需要提交哪些材料？ got the FAQ on a new licence's materials (sections-real-dev6, 7, 8).
    // A section that names the stage, or the first application that sections describe, keeps its question: 护照换证需要什么
    // 材料 is 办护照要带什么材料？ (换发的带原护照), 第一次办港澳通行证要带什么 its FAQ on materials, not how to apply.
    [Theory]
    [InlineData("营业执照补办需要哪些手续?市场监管局有哪些要求?", "qy-change#11")]
    [InlineData("营业执照补办需要什么材料", "qy-change#11")]
    [InlineData("食品生產許可證到期了怎么辦?延續需要提交哪些材料?", "sp-production-license#6")]
    [InlineData("护照换证需要什么材料", "crj-passport#2")]
    [InlineData("第一次办港澳通行证要带什么", "crj-hk-macao#2")]
    public Task TheSectionsOfOneStageAreTheFaqAboutThatStage(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // 二手房过户需要什么材料, one of the commonest questions, got 父母去世了，房子继承过户要什么材料？, the only FAQ that asked
    // for materials (sections-dev); the editors wrote the general one.
    [Theory]
    [InlineData("二手房过户需要什么材料", "bdc-transfer#9")]
    [InlineData("继承过户需要什么材料", "bdc-transfer#4")]
    public Task TheMaterialsOfTheCommonCaseAreNotThoseOfARareOne(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // Searches and article titles date themselves (2024年低保标准是多少, 居转户2021政策): 2024年低保标准是多少 fell back and
    // 2016年居住证怎么办 was asked which matter it meant, though both are answered without the year. The year says nothing about
    // the matter or the paragraph; the 年度 of 2024年度个税汇算 stays.
    [Theory]
    [InlineData("2024年低保标准是多少", "mz-min-living#9")]
    [InlineData("2016年居住证怎么办", "hj-residence-permit/overview")]
    [InlineData("2024年度个税汇算怎么办", "sw-iit-annual#1")]
    public Task TheYearAQuestionIsDatedWithDoesNotChangeItsAnswer(string question, string content) =>
        AssertAnsweredWithAsync(question, content);

    // The ID card one must bring is a paper, not the matter asked about: 护照要带身份证吗 and 公证要带身份证吗 were answered with
    // 居民身份证's 申请材料 (11 of 105 probe lines), 个体户要带身份证吗 fell back.
    [Theory]
    [InlineData("护照要带身份证吗", "crj-passport")]
    [InlineData("公证要带身份证吗", "sfj-notary")]
    [InlineData("个体户要带身份证吗", "qy-individual-business")]
    public Task AnIdCardToBringIsAPaperOfTheMatterAskedAbout(string question, string matter) =>
        AssertAnsweredWithMatterAsync(question, matter);

    // Going abroad is still Shanghai's business (stop 67, beside the rule on documents a place abroad issues).
    [Theory]
    [InlineData("去美国旅游要办护照吗", "crj-passport")]
    [InlineData("去澳洲留学要办什么护照", "crj-passport")]
    public Task GoingAbroadIsStillAnsweredWithTheExitEntryMatter(string question, string matter) =>
        AssertAnsweredWithMatterAsync(question, matter);

    [Fact]
    public async Task AnotherPlacesMatterAskedTheSameWayIsNotAnsweredAsShanghais()
    {
        var answer = await factory.Services.GetRequiredService<KnowledgeSearch>().AskAsync("北京高龄补贴怎么办理");

        Assert.NotEqual(Decision.Answer, answer.Decision);
        Assert.NotNull(answer.OtherPlace);
    }

    // The issue's own example of a right first matter that fell back. Answered outright from stop 31 to stop 67; since
    // real-dev9 and real-dev10 are in training (stop 68) its confidence is 0.47 against 0.50 to answer and 0.49 to ask about
    // one matter, and the fallback lists the matter as its first suggestion. Since stop 71 (English questions no longer
    // hold the Chinese threshold up) it is answered again, at 0.57 against 0.48. Either way the person gets the card's matter.
    [Fact]
    public async Task TheIssuesLostSocialSecurityCardExampleLeadsToTheCardsMatter()
    {
        var reply = (await NewConversation().SayAsync("社会保障卡没了怎么办理")).First(r => r.Type == "message");

        Assert.True(reply.Text.StartsWith("**社会保障卡申领、补换与挂失**", StringComparison.Ordinal) || reply.Buttons.Select(b => b.Title).FirstOrDefault() == "社会保障卡申领、补换与挂失", reply.Text);
    }

    // Foreigners in Shanghai ask in English: synonyms.txt's English terms turn the question into the content's words, and
    // the matter is answered (in Chinese). Before them (stop 68) none was: the lost card was asked about with the
    // foreigners' work permit, the other two fell back.
    [Theory]
    [InlineData("How do I apply for unemployment benefits after I was laid off?", "sb-unemployment-benefit")]
    // Typed on a phone, with a typographic apostrophe: before it was folded, driver’s was not driver's, and the question
    // was asked about with the food licence's renewal first (license => 许可证, renew => 延期).
    [InlineData("How do I renew my driver’s license?", "jj-license-renewal")]
    public Task AQuestionAskedInEnglishIsAnsweredWithItsMatter(string question, string matter) => AssertAnsweredWithMatterAsync(question, matter);

    // Stop 70: the matter model learns eval/real-dev11.jsonl, real questions asked in English, as it learns the situations.
    // A line of that set: before it, hukou for graduates was asked about (confidence 0.37 against 0.51 to answer).
    [Fact]
    public Task AQuestionOfTheEnglishDevSetIsAnsweredWithItsMatter() =>
        AssertAnsweredWithMatterAsync("Shanghai loosens hukou rules for university graduates", "hj-graduate-settle");

    // Stop 71: English questions are answered on thresholds of their own, chosen on the English dev questions out of fold
    // (answer from about 0.8, where the Chinese answer from about 0.5): a foreigner who reads a Chinese answer cannot tell
    // that it is another matter's. Labour contract filing was answered with the foreigners' work permit at 0.60; it and
    // these, answered right at 0.77–0.79 before, are now asked about, with their matter among the buttons.
    [Theory]
    [InlineData("How can foreigners handle labor contract filing after registering a company in Shanghai?", "qy-employee-hire")]
    [InlineData("I lost my social security card, how can I get a new one?", "sb-card")]
    [InlineData("How can I get my marriage registered?", "mz-marriage")]
    public async Task AnEnglishQuestionBelowTheEnglishThresholdIsAskedAboutWithItsMatter(string question, string matter)
    {
        var answer = await factory.Services.GetRequiredService<KnowledgeSearch>().AskAsync(question);

        Assert.Equal(Decision.Clarify, answer.Decision);
        Assert.Contains(answer.Matters.Take(3), m => m.MatterId == matter);
    }

    // The question is answered, with this paragraph (an FAQ, a section or the overview).
    private async Task AssertAnsweredWithAsync(string question, string content)
    {
        var answer = await factory.Services.GetRequiredService<KnowledgeSearch>().AskAsync(question);

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Equal(content, answer.ContentId);
    }

    // The question is answered, with this matter (whichever paragraph).
    private async Task AssertAnsweredWithMatterAsync(string question, string matter)
    {
        var answer = await factory.Services.GetRequiredService<KnowledgeSearch>().AskAsync(question);

        Assert.Equal(Decision.Answer, answer.Decision);
        Assert.Equal(matter, answer.Matter?.Id);
    }

    private BotClient NewConversation() => new(factory.CreateClient(), Guid.NewGuid().ToString("N"));

    private async Task<string> FirstReplyAsync(string question) =>
        (await NewConversation().SayAsync(question)).First(r => r.Type == "message").Text;
}
