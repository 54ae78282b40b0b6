using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Chooses, within a matter already decided on, the paragraph that answers the question (issue 12, item 8): an FAQ, a
/// section, or the overview.
/// <list type="bullet">
/// <item>The question's terms (bigrams, and one-character words such as 查 or 补) are weighed by how rare they are among
/// the matter's own FAQs and sections: 租房 and 公积金 are in all of them and say nothing, 到账 and 挂失 say what is asked.</item>
/// <item>Each FAQ phrasing and each section is scored by the share of that weight it covers; the section the question asks
/// about (多少钱 → 收费标准) adds to that section and to FAQs whose heading asks the same, in full only when no FAQ fits
/// the rest of the question much better than the others (居住证丢了去哪补 is the FAQ about a lost card, not 办理渠道).</item>
/// <item>In a matter that charges nothing, a question about an amount (高龄津贴多少钱, 补贴标准) asks about money the person
/// gets or pays in: an FAQ that asks an amount answers it (标准 and 扣多少 ask alike; 多少钱 needs an FAQ that asks 多少钱, since
/// it may ask the fee), not 收费标准 “不收费”.</item>
/// <item>A question that asks the difference between two things (简易注销和一般注销区别在哪) gets the FAQ that asks that
/// difference, whatever section it names in passing (在哪 is not 办理渠道 there).</item>
/// <item>A question about a matter's conditions gets 办理条件, unless an FAQ that asks conditions fits its case better than the
/// FAQs on average (人力资源许可证办理条件 is not 哪些人力资源业务只要备案不用许可？).</item>
/// <item>A question asks what it asks last (房子抵押手续要多久 asks 多久). A 多久 that is not the office's time limit asks a
/// condition (住多久才可以办居住证), how often (多久提取一次) or a deadline (出生多久必须上户口): 办理条件 or the FAQ that asks
/// the same answers it; one that does (临时身份证多久能出来) gets 办理时限, or the FAQ whose heading or 也问 lines ask how long its
/// case takes (临时身份证多久拿到). A question that names a fine (年检过期要被罚吗多少钱) does not get 收费标准 for its 多少钱.
/// A 流程 question about one case gets the FAQ that asks how to do that case (社保卡激活怎么操作). A
/// question asking what the matter is gets the FAQ that asks that of the matter, or the overview (12345热线是干什么的).
/// A question that asks how and names no section gets the FAQ whose heading asks how to do its case, when it fits that case
/// (自己交社保怎样交 → 社保怎么自己交？, not 灵活就业交社保一个月多少钱？). The ways of asking are content (<c>chitchat.yaml</c>: how, definition,
/// difference, frequency, deadlines, waits, durations, penalties, and paragraph_sections: ways of asking a section, such as 哪个部门 or 手续费, that choose the
/// paragraph but not the matter).</item>
/// <item>A yes-or-no question asks about what follows its last modal verb (驾驶证到期换证需要体检吗 asks 体检): the FAQs whose
/// phrasings name all of it ask the same, unless it is only the matter's own name (要做消防安全检查吗 asks whether the matter
/// applies at all).</item>
/// <item>A question whether one must go oneself (要本人去吗, 可以代办吗; <c>chitchat.yaml</c>'s in_person) or about a setback
/// (没通过怎么办; setbacks) gets 办理渠道, or the FAQ whose phrasings ask it of the matter (离沪提取要本人去网点吗).</item>
/// <item>A question the editors wrote an FAQ for, nearly word for word, gets that FAQ.</item>
/// <item>A question made of the matter's name and a way of asking how (护照怎么办, a hot-matter button) gets the overview.
/// Name words that few FAQs repeat (挂失 of the alias 社保卡挂失) ask something, so 社保卡挂失 gets its FAQ; an alias
/// gets the overview only when no FAQ fits it much better than the others (租赁提取, not 出生证明丢了).</item>
/// </list>
/// Immutable and thread-safe; one per index build.
/// </summary>
internal sealed partial class ContentChooser
{
    // A section or FAQ that asks what the question asks (both about 收费标准) gains this much over lexical overlap.
    private const double IntentBonus = 0.5;

    // Section bodies are long and mention many things; their words count less than an FAQ's own phrasing.
    private const double SectionWeight = 0.5;

    // An FAQ found through its answer text rather than its question is a weaker match.
    private const double AnswerWeight = 0.6;

    // A question whose characters pairs are this similar (Dice) to an FAQ phrasing is that phrasing.
    private const double SameQuestionSimilarity = 0.8;

    // A name word found in at least this share of the matter's FAQs identifies the matter (护照, 公积金) rather than asking
    // something about it (挂失 in the alias 社保卡挂失).
    private const double IdentifyingShare = 0.3;

    // Added to the question's weight: a question of common words only (公积金 提取) matches no FAQ well.
    private const double AskWeight = 1.0;

    // Editors put the main questions first: between nearly equal FAQs, the earlier one.
    private const double OrderPrior = 0.01;

    // In a conversation, between nearly equal FAQs, the one the person is reading (要登报吗 after the FAQ on a lost licence).
    private const double ShownPrior = 0.1;

    private const string CharacterPrefix = "c:";

    // An alias is only another name for the matter unless one FAQ fits it this much better than the average FAQ.
    private const double AliasSpecificity = 0.3;

    // An FAQ fits the question's own case when it covers the question's topic this much better than the average FAQ: an FAQ
    // that asks how to do its case then answers a 流程 question (社保卡激活怎么操作 → 社保卡金融功能怎么激活; 机动车六年年检
    // 程序 stays with 办理流程), and a question asking what something is asks about that case, not the matter.
    private const double CaseSpecificity = 0.1;

    // An FAQ that asks conditions answers a conditions question only when it fits the question's case at least this much
    // better than the FAQs on average; otherwise 办理条件 answers.
    private const double ConditionsLead = 0.01;

    // A question bigram that spans two of its words says this much of one inside a word.
    private const double CrossWordWeight = 0.5;

    // A single character (查, 钱) says less than a bigram.
    private const double CharacterWeight = 0.5;

    // The verbs a yes-or-no question asks its thing with (需要体检吗, 要本人到场吗, 能异地办吗).
    // How much of its coverage an FAQ about another stage of the matter keeps (个体户营业执照网上怎么办？ for 网上注销个体户执照).
    private const double OtherStageShare = 0.5;

    private static readonly string[] YesOrNoModals = ["需要", "必须", "要", "用", "得", "能", "可以", "会"];

    private readonly Dictionary<string, MatterUnits> _matters;
    private readonly IntentRecognizer _intents;
    private readonly MatterMentions _mentions;
    private readonly HashSet<string> _overviewWords;
    private readonly string[] _overviewPhrases;
    private readonly ConcurrentDictionary<string, HashSet<string>> _plainNameWords = new(StringComparer.Ordinal);
    private readonly TextPreparer _preparer;

    // What an FAQ's phrasing must contain to ask each way of asking whether one must go, or each setback (see CueBigrams).
    private readonly Dictionary<string, HashSet<string>> _cueBigrams;

    public ContentChooser(KnowledgeBase knowledge, IReadOnlyList<IndexedDocument> documents, IntentRecognizer intents, MatterMentions mentions, TextPreparer preparer)
    {
        _intents = intents;
        _mentions = mentions;
        _preparer = preparer;
        _cueBigrams = intents.ChannelsCues.ToDictionary(c => c, c => CueBigrams(c, intents.TellsASetback(c)), StringComparer.Ordinal);
        var overview = knowledge.Lexicon.OverviewPhrases.Select(preparer.Prepare).ToList();
        _overviewWords = overview.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);
        _overviewPhrases = [.. overview.Select(p => Compact(p.Normalized)).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length)];
        var byMatter = documents.GroupBy(d => d.MatterId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _matters = knowledge.Matters.Values.ToDictionary(m => m.Id, m => new MatterUnits(m, byMatter.GetValueOrDefault(m.Id) ?? [], this), StringComparer.Ordinal);
    }

    /// <summary>
    /// The section the question asks about, ignoring cue words inside a matter's name (…租赁费用 is not about fees); of two,
    /// the one asked last (房子抵押手续要多久 asks 多久).
    /// </summary>
    public SectionKind? AskedSection(PreparedText question) => _intents.LastAskedSection(_mentions.MaskCueNames(question.Corrected));

    // Which FAQs answer the amount the question asks, when it asks one in a matter that charges nothing and one of its FAQs
    // asks it; null otherwise. 多少钱 may also ask the fee, so it needs an FAQ that asks 多少钱; the other ways of asking an
    // amount (标准, 额度, 扣多少) are one ask. A question that asks how after naming the amount (扣除标准怎么填) asks how.
    private Func<FaqUnit, bool>? AmountAsked(MatterUnits units, SectionKind? asked, string masked)
    {
        var amounts = AmountCues(units, asked, masked);
        var asksOtherAmount = AsksOtherAmount(units, amounts, masked);
        bool AsksAmount(FaqUnit f) => f.Amounts.Overlaps(amounts) || (asksOtherAmount && f.Amounts.Any(c => !_intents.IsFeeCue(c)));
        return amounts.Count > 0 && units.Faqs.Any(AsksAmount) ? AsksAmount : null;
    }

    /// <summary>
    /// The paragraph of <paramref name="matter"/> that answers <paramref name="question"/> (read with its homophone typos
    /// corrected, not its synonyms rewritten); of FAQs that fit
    /// it nearly alike, the one the person was just shown (<paramref name="shownFaq"/>, its number), if any.
    /// </summary>
    public ContentChoice Choose(Matter matter, PreparedText question, int? shownFaq = null)
    {
        question = _preparer.Prepare(question.Corrected);
        var units = _matters[matter.Id];
        var compact = Compact(question.Normalized);
        if (units.Titles.TryGetValue(compact, out var titled))
        {
            return new ContentChoice(null, titled, false, F($"asks for the section {titled} by its title"));
        }

        // A name or alias with the city or a way of having it done around it (上海低保户, 在上海来沪人员居住登记) is still that
        // name. An alias that holds a paragraph's cue (低保申请条件) asks that paragraph, not the matter.
        var bare = WithoutOverviewEdges(compact);
        var alias = (units.Aliases.Contains(compact) || units.Aliases.Contains(bare)) && _intents.LastAskedParagraph(question.Normalized) is null;
        if (units.Names.Contains(compact) || units.Names.Contains(bare))
        {
            return Overview(units, "the question is the matter's name");
        }

        // An FAQ the editors wrote for this very question (退休了公积金怎么取 → “退休了公积金怎么取出来？”) answers it, also
        // when the question opens with its circumstances: the ask comes last (我手机…，退休了公积金怎么取). Not when the
        // question adds a section the phrasing does not ask: 公积金提前还款多少钱 is not the 也问 line 公积金 提前还款. An alias
        // alone is only a phrasing that is exactly it: 出生医学证明 is not the 也问 line 出生医学证明换发, which asks one case.
        var masked = _mentions.MaskCueNames(question.Normalized);
        var asked = _intents.LastAskedParagraph(masked);
        var timeAsked = _intents.TimeAskOf(masked);
        if ((alias && !_intents.AsksHow(masked) ? units.ExactQuestion(compact) ?? units.ExactQuestion(bare)
                : units.SameQuestion(compact, asked) ?? units.SameQuestion(Compact(LastClause(question.Normalized)), asked)) is { } same)
        {
            return new ContentChoice(same.Faq, null, false, F($"FAQ #{same.Faq.Number} is this very question"));
        }

        // 有效期多久 of a matter whose content never says how long anything stays valid (a 公积金 withdrawal): no paragraph
        // answers it, and one about something else (有效身份证件 of 申请材料) would mislead.
        if (!units.StatesValidity && _intents.NamesValidity(masked))
        {
            return new ContentChoice(null, null, false, F($"asks {_intents.Validity}, which the matter's content does not state")) { Unstated = _intents.Validity };
        }

        // 退休公积金能取多少钱 asks what the person gets: in a matter that charges nothing, 收费标准 “不收费” does not answer it.
        var received = AsksAmountReceived(units, asked, masked);

        // 那要带什么材料, 多久能好: asked about the section as a whole, so the section answers, not an FAQ that happens to ask it.
        // The ways of asking that only choose a paragraph count here too (哪个部门, 手续费多少, 需要什么): the matter is decided.
        // A 多久 that is not the office's time (能领多久, 多久提取一次) is not 办理时限's, however bare.
        // A bare 多少钱 after a benefit's answer (养老金, then 多少钱) asks the benefit's amount, as below, not 收费标准 “不收费”;
        // so does 多少钱 of money the matter pays (丧抚费多少钱).
        if (asked is { } only && units.Matter.Sections.ContainsKey(only) && _intents.IsBareFollowUp(question)
            && (only != SectionKind.TimeLimit || timeAsked is null or TimeAsk.Duration)
            && (only != SectionKind.Fees || (AmountAsked(units, only, masked) is null && !received)))
        {
            return new ContentChoice(null, only, false, F($"a bare follow-up asks the section {only}"));
        }

        // 要本人去吗, 可以代办吗 ask whether one must go oneself, 没通过怎么办 where to turn: 办理渠道 answers, or an FAQ whose
        // phrasings ask it of this matter (离沪提取要本人去网点吗, 家里人能帮老人代办津贴吗, 年报填错了，提交后还能改吗).
        var channelsCue = asked is null ? _intents.ChannelsCue(masked) : null;
        var setback = channelsCue is { } told && _intents.TellsASetback(told) ? told : null;
        var inPerson = channelsCue is null ? null : _cueBigrams[channelsCue];
        if (inPerson is not null)
        {
            // A setback's 办理渠道 is chosen below, when no FAQ answers it.
            asked = setback is null ? SectionKind.Channels : null;
        }

        // 外地人可以吗, 退休了可以吗: a yes-or-no question of nothing but the person's case asks whether the case qualifies.
        else if (asked is null && _intents.AsksWhetherTheCaseFits(masked))
        {
            asked = SectionKind.Conditions;
        }

        // 年检过期要被罚吗多少钱 asks the fine, not what the service costs: its 多少钱 does not make 收费标准 the answer; the
        // paragraph about the penalty is found on the question's words.
        // An amount received (above): when no FAQ asks an amount (below), the overview answers a question that names only the
        // matter, and otherwise the question's words choose the paragraph.
        if (FeesNamePenalty(asked, masked) || received)
        {
            asked = null;
        }

        // A setback (没通过, 填错了) is answered by the FAQ about it, by the FAQ whose case the question's other words name (出生证明
        // 名字写错了咋改), or else by where to turn; never by an FAQ that only shares a word (信息 of 信息填错了怎么办) or by its own
        // characters (没 of 没通过). A way of asking whether one must go (预约) keeps its words: the FAQ about it (结婚登记要预约吗？)
        // shares them.
        // 居住证能用多久 asks the validity: its 多久 and 能用 are not words for the paragraph to share (居住证办好要多久？).
        var terms = Terms(
            setback is not null ? _preparer.Prepare(masked.Replace(setback, " ", StringComparison.Ordinal))
            : timeAsked == TimeAsk.Validity ? _preparer.Prepare(_intents.WithValidityNamed(question.Normalized))
            : question,
            units);
        var topic = TopicOf(units, terms);

        // A question that names one stage of the matter (注销 of 网上注销个体户营业执照) is not answered by an FAQ about another
        // stage (个体户营业执照网上怎么办？, whose 也问 lines say 注册) for the other words they share, when an FAQ is about it.
        var stages = _intents.StagesNamed(masked);
        var stageFaqs = stages.Count == 1 && units.Faqs.Any(f => f.Stages.Overlaps(stages));
        Func<FaqUnit, bool> otherStage = stageFaqs
            ? f => f.Stages.Count > 0 && !f.Stages.Overlaps(stages)
            : _ => false;

        // In a matter that spans stages (个体工商户登记: 设立, 变更, 注销), 办理流程 walks through them all; a question that asks the
        // 流程 of one (网上个体户营业执照注销流程) is asked by the FAQ whose heading asks how to do that stage (个体户不做了，怎么
        // 注销？), not by one that names it only in passing (个人营业执照注销了怎么重新办).
        // The same for another section that does not speak of the stage: 个体工商户登记's 申请材料 is what a new business
        // needs, so 个体户营业执照怎么注销掉：流程、条件、材料 is asked by the FAQ whose heading is about 注销. A stage that the
        // matter's name or the section names is the section's own (企业变更登记's materials for 地址变更, 护照's 换发的提交原护照), and
        // so is the one sections describe by default (chitchat.yaml's sections_stage: 第一次办护照要什么材料 is 申请材料).
        var spansStages = stageFaqs && units.Faqs.Any(otherStage);
        Func<FaqUnit, bool> asksHowOfStage = spansStages ? f => f.AsksHow && f.HeadingStages.Overlaps(stages) : _ => false;
        Func<FaqUnit, bool> aboutStage = spansStages && asked is { } section && section != SectionKind.Process && !SectionSpeaksOf(units, section, stages)
            ? f => f.HeadingStages.Overlaps(stages)
            : _ => false;
        if (setback is not null && inPerson is not null && units.Matter.Sections.ContainsKey(SectionKind.Channels)
            && !units.Faqs.Any(f => f.Phrasings.Any(p => inPerson.All(p.Contains))) && !topic.Lead.Any(l => l >= CaseSpecificity))
        {
            return new ContentChoice(null, SectionKind.Channels, false, F($"tells a setback ({setback}) that no FAQ is about: where to turn"));
        }

        // Not every 多久 asks the office's time limit: 住多久才可以办 asks a condition, 多久提取一次 how often and 出生多久必须
        // 上户口 a deadline; the FAQ that asks the same (嫁到上海几年能落户, 一年可以取几次, 报户口有没有期限) answers those,
        // and 办理条件 the condition. One that does (临时身份证多久能出来) gets 办理时限, or the FAQ whose heading or 也问 lines
        // ask how long its case takes (临时身份证多久拿到).
        var time = asked is null or SectionKind.TimeLimit ? timeAsked : null;
        if (time is not null)
        {
            asked = time switch
            {
                TimeAsk.Wait => SectionKind.Conditions,
                TimeAsk.Duration => SectionKind.TimeLimit,
                _ => null,
            };
        }

        // Only a time that is not the time limit takes the question off the paths below (区别, 是什么, the overview).
        var otherTime = time is not (null or TimeAsk.Duration);

        // An alias that only names the matter another way (租赁提取), alone or with a way of asking to have it done (户口迁移
        // 怎么办), gets the overview like the name; one that asks one FAQ's case (出生证明丢了) is scored like any question, so
        // that FAQ answers.
        var nameOnly = question.Words.All(w => units.Identifying.Contains(w) || _overviewWords.Contains(w))
            || ((alias || units.Aliases.Contains(string.Concat(question.Words.Where(w => !_overviewWords.Contains(w))))) && topic.Specificity < AliasSpecificity);
        if ((asked is null or SectionKind.Process) && !otherTime && nameOnly)
        {
            return Overview(units, "names the matter and asks nothing narrower");
        }

        // 上海居转户流程, 结婚登记需要什么证件 结婚流程: the matter's names and ways of asking, its 流程 last, nothing narrower,
        // so 办理流程 answers, not an FAQ that repeats the names (居转户可以个人自己申请吗？, 结婚证丢了怎么补办？).
        if (asked == SectionKind.Process && !otherTime && units.Matter.Sections.ContainsKey(SectionKind.Process)
            && NamesTheMatterOnlyBesidesAsking(units, question))
        {
            return new ContentChoice(null, SectionKind.Process, false, "names the matter and asks its 流程");
        }

        // Asked the difference between two things (简易注销和一般注销区别在哪, 护照和港澳通行证有什么不同): the FAQ that asks that
        // difference answers when it fits the question's case, whatever section the question names in passing (区别在哪 is not
        // 办理渠道, 办理流程区别 is not 办理流程).
        if (!otherTime && _intents.AsksDifference(masked) && units.Faqs.Zip(topic.Lead).Any(f => f.First.AsksDifference && f.Second >= CaseSpecificity))
        {
            return Best(units, terms, topic, null, (f, lead) => f.AsksDifference && lead >= CaseSpecificity, shownFaq, otherStage) ?? Overview(units, "the matter has no FAQ or section");
        }

        // Asked what the matter itself is or is for (出生医学证明是什么, 12345热线是干什么的: nothing but its names, or nothing
        // that fits one FAQ's case), the FAQ that asks that of the matter answers (优待证有什么用, 12345能管什么事), else the
        // overview. Asked what something narrower is, an FAQ that asks that of its case answers (台胞证是什么), and otherwise
        // the FAQ about that case as usual (养老金计算办法是什么 → 上海的养老金是怎么算的).
        if (asked is null && !otherTime && _intents.AsksWhatItIs(masked))
        {
            if (NamesOnly(units, masked) || topic.Specificity < CaseSpecificity)
            {
                return units.Faqs.FirstOrDefault(f => f.AsksWhatTheMatterIs) is { } about
                    ? new ContentChoice(about.Faq, null, false, F($"asks what the matter is for, FAQ #{about.Faq.Number} asks that"))
                    : Overview(units, "asks what the matter is");
            }

            if (units.Faqs.Zip(topic.Lead).Any(f => f.First.AsksWhat && f.Second >= CaseSpecificity))
            {
                return Best(units, terms, topic, null, (f, lead) => f.AsksWhat && lead >= CaseSpecificity, shownFaq, otherStage) ?? Overview(units, "the matter has no FAQ or section");
            }
        }

        // 高龄津贴多少钱 in a matter that charges nothing asks about the allowance, not the 收费标准 “不收费”: an FAQ that asks
        // an amount answers it (积分要多少钱 stays with 收费标准: no FAQ asks 多少钱; 子女教育扣除标准 gets 子女教育每月扣多少？).
        if (AmountAsked(units, asked, masked) is { } asksAmount)
        {
            return Best(units, terms, topic, null, (f, _) => asksAmount(f), shownFaq, otherStage) ?? Overview(units, "the matter has no FAQ or section");
        }

        // 退休提取公积金多少钱 with no FAQ that asks the amount: the overview says what the matter pays (账户余额一次性提取),
        // not the FAQ that happens to repeat the matter's name (退休提取公积金多久能到账？).
        if (received && NamesTheMatterOnlyBesidesAsking(units, _preparer.Prepare(_intents.WithoutAmounts(masked))))
        {
            return Overview(units, "asks the amount the matter pays, which no FAQ asks");
        }

        // The FAQs that ask what the question asks: the same section (多少钱 → 办护照要多少钱), the same time (几次, 期限), and
        // for 流程 or 怎么操作 every FAQ that asks how to do its case (社保卡激活怎么操作 → 社保卡金融功能怎么激活). A question that
        // asks how and names no section (自己交社保怎样交, 蓝字发票如何开具负数的发票) is asked by an FAQ whose heading asks how to
        // do its case, when it fits that case (社保怎么自己交？ not 一个月多少钱？; 开错了怎么红冲？ not 新公司怎么开数电发票？).
        // A yes-or-no question asks about what follows its last modal verb (驾驶证到期换证需要体检吗 asks 体检, not 到期): the
        // FAQs whose phrasings name all of it ask the same (驾驶证换证要体检吗？). A time is asked by the FAQs that ask that
        // time, not by every heading with a 多久 (宝宝出生多久要参保 is a deadline, not how long 参保 takes). How long the office
        // takes is asked by an FAQ whose heading asks it, or whose 也问 line asks it of a case that the question names:
        // 经营范围变更要多久 (a 也问 line of 营业执照想增加经营范围怎么办？) does not answer 公司变更多久能拿到.
        // How long a licence stays valid is asked by the FAQs that ask it (身份证能用多久 → 身份证有效期是多久？, not 身份证多久能
        // 拿到？), or where none does, by those that ask by when to renew (居留许可有效期多久 → 居留许可快到期了怎么延期？).
        if (time == TimeAsk.Validity && !units.Faqs.Any(f => f.TimeAsks.Contains(TimeAsk.Validity)))
        {
            time = TimeAsk.Deadline;
        }

        // 身份证办理进度怎么查: the FAQs that ask or tell where to follow the application ask the same (身份证多久能拿到？ …进度可在
        // 随申办查询); where none does, 办理渠道 answers, as an application is followed where it was made. Not the first FAQ that
        // happens to repeat the matter's name (居住证积分怎么申请？ for 居住证积分进度怎么查).
        var progress = asked is null && time is null && _intents.NamesProgress(masked);
        if (progress && !units.Faqs.Any(f => f.TellsProgress) && units.Matter.Sections.ContainsKey(SectionKind.Channels))
        {
            return new ContentChoice(null, SectionKind.Channels, false, "asks how far the application has got, which no FAQ tells: where it is applied for");
        }

        // 公积金贷款要体检吗 asks about one thing that other matters' content names and this matter's never does, and names no
        // case of the matter besides: none of its paragraphs answers it, and the first FAQ, chosen for the matter's name, would
        // read as a yes or a no. Not a way of doing the matter that its content words otherwise (网上换证 of 身份证到期可以网上
        // 换证吗), nor a question whose case an FAQ is about (急诊没带社保卡全自费了，能补报吗).
        var focus = time is null && !progress && inPerson is null && asked is null && !_intents.AsksHow(masked) ? YesOrNoFocus(units, question.Normalized) : [];
        if (focus.Count > 0 && !focus.Any(units.Has) && topic.Specificity < CaseSpecificity && YesOrNoFocusText(question.Normalized) is { } thing
            && _preparer.Prepare(thing).Words is [var word] && word.Length > 1 && ShareOfMattersUsing(word) > 0)
        {
            return new ContentChoice(null, null, false, F($"asks whether {thing}, which the matter's content does not mention")) { Unstated = thing };
        }

        // The validity is asked by an FAQ whose heading asks it, where one does (换证以后驾照有效期是多久？), not by one whose
        // 也问 line only names it (驾照超过有效期没换怎么办 of 驾照过期了还能换吗？).
        var headingAsksValidity = time == TimeAsk.Validity && units.Faqs.Any(f => f.HeadingTimeAsks.Contains(TimeAsk.Validity));
        Func<FaqUnit, double, bool> asks = time is { } when ? (f, lead) => (f.TimeAsks.Contains(when) && (when != TimeAsk.Duration || f.HeadingTimeAsks.Contains(when) || lead >= CaseSpecificity) && (!headingAsksValidity || f.HeadingTimeAsks.Contains(when))) || (asked is { } condition and not SectionKind.TimeLimit && AsksSection(f, condition, lead))
            : progress ? (f, _) => f.TellsProgress
            : inPerson is { Count: > 0 } ? (f, lead) => (setback is null && AsksSection(f, SectionKind.Channels, lead)) || f.Phrasings.Any(p => inPerson.All(p.Contains))
            : asked is { } kind ? (f, lead) => AsksSection(f, kind, lead) || aboutStage(f) || (kind == SectionKind.Process && ((f.AsksHow && (lead >= CaseSpecificity || f.Faq.Number == 1)) || asksHowOfStage(f)))
            : _intents.AsksHow(masked) ? (f, lead) => f.AsksHow && lead >= CaseSpecificity
            : focus.Count > 0 ? (f, _) => f.Phrasings.Any(p => focus.All(p.Contains))
            : (_, _) => false;
        return Best(units, terms, topic, asked, asks, shownFaq, otherStage) ?? Overview(units, "the matter has no FAQ or section");
    }

    /// <summary>
    /// The share of the question's weight that the matter's best-fitting FAQ or section covers (0–1): 丢了怎么办 is most of
    /// 社保卡丢了怎么补办？, 需要股东会决议吗 of 企业变更登记's 申请材料, 明天会下雨吗 none of any 社保卡 paragraph.
    /// </summary>
    public double BestCoverage(Matter matter, PreparedText question)
    {
        var units = _matters[matter.Id];
        var terms = Terms(_preparer.Prepare(question.Normalized), units);
        return terms.Count == 0 ? 0
            : units.Faqs.Select(f => FaqCovered(units, terms, f)).Concat(units.Sections.Values.Select(s => Covered(units, terms, s))).DefaultIfEmpty(0).Max();
    }

    // What an FAQ's phrasing must contain to ask the cue: a setback all of its bigrams (信息填错了: 信息, 息填, 填错); a way of
    // asking whether one must go the bigrams of its words of two characters and more (本人 of 本人去), or of all its words when
    // SmartCn splits it into single characters.
    private HashSet<string> CueBigrams(string cue, bool whole)
    {
        var words = _preparer.Prepare(cue).Words;
        var longer = words.Where(w => w.Length > 1).ToList();
        return _preparer.BigramsOf(longer.Count > 0 && !whole ? longer : [.. words]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// True when every word of <paramref name="text"/> is found in some matter's FAQs or sections (打印, 社保, 改), so a short
    /// message of it may be about the content; false for words the content never uses (吃饭, 天气, 股票).
    /// </summary>
    public bool KnowsEveryWord(string text)
    {
        var words = _preparer.Prepare(text).Words;
        return words.Count > 0 && words.All(w => WordTerms(w) is var terms && _matters.Values.Any(u => terms.All(u.Has)));
    }

    /// <summary>
    /// True when every word of <paramref name="text"/> is found in <paramref name="matter"/>'s FAQs or sections, or in those
    /// of at least <paramref name="share"/> of all matters: 改 and 补 fit most matters, 玩 only a travel permit's.
    /// </summary>
    public bool FitsEveryWord(Matter matter, string text, double share)
    {
        var units = _matters[matter.Id];
        return _preparer.Prepare(text).Words.All(w => WordTerms(w) is var terms && (terms.All(units.Has) || ShareOfMattersUsing(w) >= share));
    }

    /// <summary>
    /// The share of matters whose FAQs or sections use <paramref name="word"/> (a word of a prepared text): about a tenth for
    /// a topic (结婚, 工伤), a fifth and more for what many matters share (预约, 到期, 通知).
    /// </summary>
    public double ShareOfMattersUsing(string word)
    {
        var terms = WordTerms(word);
        return _matters.Values.Count(u => terms.All(u.Has)) / (double)Math.Max(_matters.Count, 1);
    }

    // The terms a word of a prepared text is indexed as in the matters' units: its bigrams, or the character itself.
    private List<string> WordTerms(string word) => word.Length == 1 ? [CharacterPrefix + word] : _preparer.BigramsOf([word]);

    // The ways of asking an amount in the question, when it asks one in a matter that charges nothing and does not go on to
    // ask how (扣除标准怎么填); none otherwise. Not inside the matter's names: 企业年报多少钱 has 报多少 only across 年报.
    private IReadOnlySet<string> AmountCues(MatterUnits units, SectionKind? asked, string masked) =>
        (asked is null or SectionKind.Fees) && units.ChargesNothing && !_intents.AsksHowAfterAmount(masked) ? _intents.AmountCues(units.WithoutNames(masked)) : new HashSet<string>();

    // A question that asks an amount that is not a fee (能取多少, 领多少, 额度) in a matter that charges nothing.
    private bool AsksAmountReceived(MatterUnits units, SectionKind? asked, string masked) =>
        asked == SectionKind.Fees && AsksOtherAmount(units, AmountCues(units, asked, masked), masked);

    // Of the ways of asking an amount, one that is not a fee (能领多少, 一个月多少钱), or 多少钱 asked of money the matter pays
    // (丧葬费多少钱, 离职取公积金多少钱): the matter charges nothing, so the person asks what they receive.
    private bool AsksOtherAmount(MatterUnits units, IReadOnlySet<string> amounts, string masked) =>
        amounts.Any(c => !_intents.IsFeeCue(c)) || (amounts.Count > 0 && units.MoneyNames.Any(n => masked.Contains(n, StringComparison.Ordinal)));

    // A question that names a fine (罚款, 处罚, 滞纳金) and asks 多少钱 asks the fine: the 收费标准 of the service is not its answer.
    private bool FeesNamePenalty(SectionKind? asked, string masked) => asked == SectionKind.Fees && _intents.NamesPenalty(masked);

    // True when the stages hold the one that sections describe by default (新办), or the matter's name or its section of that
    // kind names one of them.
    private bool SectionSpeaksOf(MatterUnits units, SectionKind kind, IReadOnlySet<string> stages) =>
        (_intents.SectionsStage is { } first && stages.Contains(first))
        || _intents.StagesNamed(TextNormalizer.Normalize(units.Matter.Name)).Overlaps(stages)
        || (units.Matter.Sections.TryGetValue(kind, out var section) && _intents.StagesNamed(TextNormalizer.Normalize(section.Markdown)).Overlaps(stages));

    // An FAQ whose heading asks the section the question asks answers it for its own case. Conditions are the matter's own:
    // a question about them (人力资源许可证办理条件, 工伤认定的要件) gets 办理条件 unless an FAQ that asks conditions fits the
    // question's case better than the FAQs on average (应届生落户需要什么条件 → 应届生落户上海需要什么条件？).
    private static bool AsksSection(FaqUnit faq, SectionKind kind, double lead) =>
        faq.Intents.Contains(kind) && (kind != SectionKind.Conditions || lead >= ConditionsLead);

    // How well each FAQ fits the topic of the terms, the ways of asking for a paragraph left out.
    private TopicFit TopicOf(MatterUnits units, Dictionary<string, double> terms) =>
        Topic(units, terms.Where(t => !_intents.IsParagraphCueTerm(t.Key) && !units.NameTerms.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));

    // How much better each FAQ covers the question's topic (its words other than cues) than the FAQs on average, and the
    // best of these: high when the question asks one FAQ's case (居住证丢了去哪补: 丢了…补 is FAQ 居住证丢了怎么补办), near
    // zero when its words are ones every FAQ repeats (租房提取公积金需要收费吗).
    private static TopicFit Topic(MatterUnits units, Dictionary<string, double> topic)
    {
        var covered = units.Faqs.Select(f => FaqCovered(units, topic, f)).ToList();
        if (covered.Count == 0)
        {
            return new TopicFit([], 0);
        }

        var mean = covered.Average();
        var lead = covered.Select(c => Math.Max(0, c - mean)).ToArray();
        return new TopicFit(lead, lead.Max());
    }

    private static double Covered(MatterUnits units, Dictionary<string, double> terms, IReadOnlySet<string> unit)
    {
        // The constant stands for what the question asks beyond its words: words every FAQ repeats cover none of it.
        var total = terms.Sum(t => units.Weight(t.Key) * t.Value) + AskWeight;
        return terms.Where(t => unit.Contains(t.Key)).Sum(t => units.Weight(t.Key) * t.Value) / total;
    }

    private static double FaqCovered(MatterUnits units, Dictionary<string, double> terms, FaqUnit faq) =>
        Math.Max(faq.Phrasings.Max(p => Covered(units, terms, p)), AnswerWeight * Covered(units, terms, faq.Answer));

    private static ContentChoice? Best(MatterUnits units, Dictionary<string, double> terms, TopicFit topic, SectionKind? asked, Func<FaqUnit, double, bool> asks, int? shownFaq, Func<FaqUnit, bool> otherStage)
    {
        // The section asked about answers the question's general case, and an FAQ that asks the same cue answers it for its
        // own case: the cue counts in full for the unit that fits the question's topic best, and less the further a unit
        // falls behind it (居住证丢了去哪补 is not the 办理渠道 section, nor FAQ 电子居住证在哪里看).
        double Bonus(double lead) => IntentBonus * (1 - topic.Specificity + lead);

        // Sections first: an FAQ must do strictly better than the section asked about (那要钱吗 → 收费标准, not an FAQ
        // that merely also asks 多少钱).
        ContentChoice? best = null;
        var bestScore = double.MinValue;
        foreach (var (kind, body) in units.Sections)
        {
            var lexical = SectionWeight * Covered(units, terms, body);
            var score = lexical + (kind == asked ? Bonus(0) : 0);
            if (score > bestScore)
            {
                (best, bestScore) = (new ContentChoice(null, kind, false, F($"section {kind} (asked {asked?.ToString() ?? "none"}, covers {lexical:0.00})")), score);
            }
        }

        foreach (var (faq, lead) in units.Faqs.Zip(topic.Lead))
        {
            var lexical = FaqCovered(units, terms, faq);
            var other = otherStage(faq);
            var score = (lexical * (other ? OtherStageShare : 1)) + (asks(faq, lead) && !other ? Bonus(lead) : 0) - (OrderPrior * faq.Faq.Number) + (faq.Faq.Number == shownFaq ? ShownPrior : 0);
            if (score > bestScore)
            {
                (best, bestScore) = (new ContentChoice(faq.Faq, null, false, F($"FAQ #{faq.Faq.Number} covers {lexical:0.00}, leads by {lead:0.00}")), score);
            }
        }

        return best;
    }

    // The question's terms with how much each says. Bigrams say most; one-character words (查, 补, 续) have none, so they
    // count as characters. A word says one thing however long it is: its bigrams share one word's weight (营业执照's three
    // count as much as 注销's one). Ways of asking how and the city's own name (怎么办理, 上海) say nothing about which
    // paragraph, nor do name words found in no FAQ or section; a cue word alone (钱 of 要钱吗) is the intent, scored on its
    // own. A bigram across two words (金租 of 公基金|租房) says less than one inside a word: it matched FAQ phrasings that
    // happen to join the same words (公积金 租房 提取).
    private Dictionary<string, double> Terms(PreparedText question, MatterUnits units)
    {
        var words = question.Words.Where(w => !_overviewWords.Contains(w)).ToList();
        var inner = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var bigrams in words.Where(w => w.Length > 1).Select(w => _preparer.BigramsOf([w])))
        {
            foreach (var bigram in bigrams)
            {
                inner[bigram] = Math.Max(inner.GetValueOrDefault(bigram), 1.0 / bigrams.Count);
            }
        }

        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var bigram in _preparer.BigramsOf(words).Where(b => !units.NameOnly.Contains(b)))
        {
            terms[bigram] = inner.GetValueOrDefault(bigram, CrossWordWeight);
        }

        foreach (var word in words.Where(w => w.Length == 1 && char.IsLetter(w[0]) && !_intents.IsCueTerm(w)))
        {
            terms[CharacterPrefix + word] = 1;
        }

        return terms;
    }

    // True when the words are the official name's, its bracketed cases aside (婚姻 登记), or those of aliases that only name
    // the matter another way (居转户, 结婚登记), not of one that asks one FAQ's case (出生证明丢了): 补办 of 身份证补办 and 签注
    // of 居住证签注 are cases, although most FAQs repeat them.
    private bool NamesTheMatterOnly(MatterUnits units, IEnumerable<string> words)
    {
        var named = words.ToList();
        var plain = _plainNameWords.GetOrAdd(units.Matter.Id, _ => units.Matter.Aliases
            .Select(a => _preparer.Prepare(a))
            .Where(a => TopicOf(units, Terms(a, units)).Specificity < AliasSpecificity)
            .SelectMany(a => a.Words)
            .Concat(units.OfficialWords)
            .ToHashSet(StringComparer.Ordinal));
        return named.Count > 0 && named.All(plain.Contains);
    }

    // True when the question's words, its ways of asking (流程, 怎么, 怎么办) aside, only name the matter.
    private bool NamesTheMatterOnlyBesidesAsking(MatterUnits units, PreparedText question) =>
        NamesTheMatterOnly(units, question.Words.Where(w => !_intents.IsParagraphCueTerm(w) && !_intents.IsQuestionWord(w) && !_overviewWords.Contains(w)));

    // True when the text, without its ways of asking what something is, is only the matter's names (退役军人优待证有啥用处).
    private bool NamesOnly(MatterUnits units, string normalized) =>
        _preparer.Prepare(_intents.WithoutWhatItIs(normalized)).Words.All(w => w.Length == 1 || units.NameWords.Contains(w) || _overviewWords.Contains(w));

    private static ContentChoice Overview(MatterUnits units, string why) =>
        units.Matter.Sections.ContainsKey(SectionKind.Conditions) || units.Matter.Sections.ContainsKey(SectionKind.Process)
            ? new ContentChoice(null, null, true, why)
            : new ContentChoice(units.Matter.Faqs.FirstOrDefault(), null, false, why);

    // What a yes-or-no question asks (…需要体检吗, 解押要本人到场吗): the bigrams of the words after its last modal verb,
    // before 吗. None when it asks whether the matter itself is needed (饭店营业前要做消防安全检查吗 → 一定要办消防检查吗？).
    private HashSet<string> YesOrNoFocus(MatterUnits units, string normalized)
    {
        if (YesOrNoFocusText(normalized) is not { } focus)
        {
            return [];
        }

        var words = _preparer.Prepare(focus).Words.Where(w => w.Length > 1 && !_overviewWords.Contains(w)).ToList();
        var named = string.Concat(words);
        return units.Names.Contains(named) || units.Aliases.Contains(named) ? []
            : words.SelectMany(w => _preparer.BigramsOf([w])).ToHashSet(StringComparer.Ordinal);
    }

    // What a yes-or-no question asks about: the text after its last modal verb (体检 of 公积金贷款要体检吗), if any.
    private static string? YesOrNoFocusText(string normalized)
    {
        if (TextNormalizer.BeforeYesOrNoParticle(normalized) is not { } text)
        {
            return null;
        }

        var (modal, at) = YesOrNoModals.Select(m => (m, at: text.LastIndexOf(m, StringComparison.Ordinal))).MaxBy(m => m.at < 0 ? -1 : m.at + m.m.Length);
        return at < 0 ? null : text[(at + modal.Length)..].Trim();
    }

    private static string Compact(string text) => new(text.Where(char.IsLetterOrDigit).ToArray());

    // The compact question without the overview phrases it opens or ends with (上海, 在上海, 怎么办理), while two characters
    // or more are left.
    private string WithoutOverviewEdges(string compact)
    {
        while (_overviewPhrases.FirstOrDefault(p => compact.Length - p.Length >= 2
            && (compact.StartsWith(p, StringComparison.Ordinal) || compact.EndsWith(p, StringComparison.Ordinal))) is { } phrase)
        {
            compact = compact.StartsWith(phrase, StringComparison.Ordinal) ? compact[phrase.Length..] : compact[..^phrase.Length];
        }

        return compact;
    }

    // The last of two or more clauses (split at punctuation and spaces); empty for a question of one clause.
    private static string LastClause(string text)
    {
        var end = text.Length;
        while (end > 0 && !char.IsLetterOrDigit(text[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && !char.IsPunctuation(text[start - 1]) && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        return text[..start].Any(char.IsLetterOrDigit) ? text[start..end] : string.Empty;
    }

    // The clauses of an FAQ phrasing (优待证有什么用？能享受哪些优惠？ has two), normalised.
    private static IEnumerable<string> Clauses(string text) =>
        TextNormalizer.Normalize(text).Split(['?', '!', ',', ';', '。', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static HashSet<string> CharacterPairs(string text) =>
        Enumerable.Range(0, Math.Max(0, text.Length - 1)).Select(i => text.Substring(i, 2)).ToHashSet(StringComparer.Ordinal);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // A unit's terms: its bigrams and, for one-character question words, its characters.
    private static HashSet<string> WithCharacters(IEnumerable<string> bigrams)
    {
        var terms = new HashSet<string>(bigrams, StringComparer.Ordinal);
        foreach (var c in terms.SelectMany(b => b).Where(char.IsLetter).Distinct().ToList())
        {
            terms.Add(CharacterPrefix + c);
        }

        return terms;
    }

    /// <summary>One matter's FAQs and sections as term sets, with the within-matter weight of every term.</summary>
    private sealed class MatterUnits
    {
        private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
        private readonly double _unseenWeight;
        private readonly (string Name, string Blank)[] _names;

        public MatterUnits(Matter matter, List<IndexedDocument> documents, ContentChooser chooser)
        {
            Matter = matter;
            NameWords = MatterMentions.NamesOf(matter).SelectMany(n => chooser._preparer.Prepare(n).Words).ToHashSet(StringComparer.Ordinal);
            var names = MatterMentions.NamesOf(matter).Select(TextNormalizer.Normalize).Where(n => n.Length > 0).OrderByDescending(n => n.Length).ToList();
            Faqs = matter.Faqs.Select(faq => new FaqUnit(
                faq,
                documents.Where(d => d.Kind == DocumentKind.Question && d.FaqNumber == faq.Number).Select(d => (IReadOnlySet<string>)WithCharacters(d.Bigrams)).DefaultIfEmpty(new HashSet<string>()).ToArray(),
                WithCharacters(documents.FirstOrDefault(d => d.Kind == DocumentKind.Answer && d.FaqNumber == faq.Number)?.Bigrams ?? new HashSet<string>()),
                // Each clause of the heading asks what it names last: 需要什么条件 asks 办理条件, not 申请材料 (需要什么). A clause
                // without a question word asks nothing: 搬地址 of 个体户要改经营范围、搬地址、换经营者，怎么办？ names an address.
                Clauses(faq.Question).Where(chooser._intents.AsksSomething).Select(chooser._intents.LastAskedParagraph).OfType<SectionKind>().ToHashSet(),
                new[] { faq.Question }.Concat(faq.Alternatives).SelectMany(t => chooser._intents.AmountCues(TextNormalizer.Normalize(t))).ToHashSet(StringComparer.Ordinal),
                // Each clause asks its own time: 离婚冷静期是多久？怎么算？ asks how long, then how it is reckoned.
                new[] { faq.Question }.Concat(faq.Alternatives).SelectMany(Clauses).SelectMany(chooser._intents.TimeAsks).ToHashSet(),
                chooser._intents.AsksHow(TextNormalizer.Normalize(faq.Question)),
                new[] { faq.Question }.Concat(faq.Alternatives).Select(TextNormalizer.Normalize).Any(t => chooser._intents.AsksWhatItIs(t) && chooser._intents.AskedSection(t) is null),
                new[] { faq.Question }.Concat(faq.Alternatives).SelectMany(Clauses).Any(c => chooser._intents.AsksWhatItIs(c) && IsOnly(chooser._intents.WithoutWhatItIs(c), names)),
                chooser._intents.AsksDifference(TextNormalizer.Normalize(faq.Question)))
            {
                LineAsks = [.. FaqUnit.LinesOf(faq).Select(line => chooser._intents.LastAskedParagraph(chooser._mentions.MaskCueNames(line)))],
                HeadingTimeAsks = Clauses(faq.Question).SelectMany(chooser._intents.TimeAsks).ToHashSet(),
                TellsProgress = new[] { faq.Question, faq.Answer }.Concat(faq.Alternatives).Any(t => chooser._intents.NamesProgress(TextNormalizer.Normalize(t))),
                Stages = new[] { faq.Question }.Concat(faq.Alternatives).SelectMany(t => chooser._intents.StagesNamed(TextNormalizer.Normalize(t))).ToHashSet(StringComparer.Ordinal),
                HeadingStages = chooser._intents.StagesNamed(TextNormalizer.Normalize(faq.Question)),
            }).ToList();
            ChargesNothing = !matter.Sections.TryGetValue(SectionKind.Fees, out var fees) || !fees.Markdown.Any(char.IsDigit);
            StatesValidity = matter.Faqs.SelectMany(f => new[] { f.Question, f.Answer }.Concat(f.Alternatives)).Concat(matter.Sections.Values.Select(s => s.Markdown)).Append(matter.Summary ?? string.Empty)
                .Any(t => chooser._intents.NamesValidity(TextNormalizer.Normalize(t)));
            Sections = documents.Where(d => d.Kind == DocumentKind.Section && d.Section is not null)
                .ToDictionary(d => d.Section!.Value, d => (IReadOnlySet<string>)WithCharacters(d.Bigrams));
            Names = MatterMentions.OfficialNames(matter).Select(n => Compact(TextNormalizer.Normalize(n))).ToHashSet(StringComparer.Ordinal);
            Aliases = matter.Aliases.Select(a => Compact(TextNormalizer.Normalize(a))).ToHashSet(StringComparer.Ordinal);
            MoneyNames = [.. names.Where(chooser._intents.NamesMoney)];
            _names = [.. names.Select(n => (n, new string(' ', n.Length)))];
            Titles = matter.Sections.Keys.ToDictionary(k => SectionTitles.TitleOf(k), k => k, StringComparer.Ordinal);

            // BM25's idf over the matter's units: a term in every FAQ and section weighs almost nothing.
            var units = Faqs.Select(f => f.Phrasings.SelectMany(p => p).Concat(f.Answer).ToHashSet(StringComparer.Ordinal)).Concat(Sections.Values.Select(s => s.ToHashSet(StringComparer.Ordinal))).ToList();
            var frequency = units.SelectMany(u => u).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var (term, count) in frequency)
            {
                _weights[term] = Idf(units.Count, count);
            }

            _unseenWeight = Idf(units.Count, 1);
            NameOnly = documents.Where(d => d.Kind == DocumentKind.Name).SelectMany(d => d.Bigrams).Where(t => !frequency.ContainsKey(t)).ToHashSet(StringComparer.Ordinal);

            // Words of the names that most FAQs repeat identify the matter; the official name's one-character words too (证).
            var official = MatterMentions.OfficialNames(matter).SelectMany(n => chooser._preparer.Prepare(n).Words).ToHashSet(StringComparer.Ordinal);
            OfficialWords = chooser._preparer.Prepare(BracketedCases().Replace(matter.Name, " ")).Words.ToHashSet(StringComparer.Ordinal);
            Identifying = MatterMentions.NamesOf(matter).SelectMany(n => chooser._preparer.Prepare(n).Words).Distinct(StringComparer.Ordinal)
                .Where(w => w.Length == 1 ? official.Contains(w) : Faqs.Count(f => f.Phrasings.Any(p => Contains(p, w))) >= IdentifyingShare * Faqs.Count)
                .ToHashSet(StringComparer.Ordinal);

            // The bracketed part of the official name when it is also an alias (不动产转移登记（二手房过户）, 企业设立登记（开办企业）)
            // is what people call the matter, so no FAQ's case. Not the official name's other words: taken out of the topic
            // too, they lost seven labelled section lines (居住证 of 小孩能办居住证吗 helps find FAQ 小孩能办居住证吗？).
            var bracketed = BracketedCases().Match(matter.Name) is { Success: true } m ? m.Value[1..^1] : null;
            NameTerms = (bracketed is not null && matter.Aliases.Contains(bracketed, StringComparer.Ordinal) ? new[] { bracketed } : [])
                .SelectMany(n => chooser.Terms(chooser._preparer.Prepare(n), this).Keys)
                .ToHashSet(StringComparer.Ordinal);
        }

        /// <summary>The terms of the matter's popular name, bracketed in its official name: they say which matter, not which case.</summary>
        public HashSet<string> NameTerms { get; }

        public Matter Matter { get; }

        public List<FaqUnit> Faqs { get; }

        public Dictionary<SectionKind, IReadOnlySet<string>> Sections { get; }

        /// <summary>True when the 收费标准 section states no amount (不收费): the matter itself costs nothing.</summary>
        public bool ChargesNothing { get; }

        /// <summary>True when an FAQ or section says how long something stays valid (有效期): a question about it has an answer.</summary>
        public bool StatesValidity { get; }

        /// <summary>The official name, and without its bracketed part, compacted: a question that is exactly this wants the overview.</summary>
        public HashSet<string> Names { get; }

        /// <summary>The aliases, compacted.</summary>
        public HashSet<string> Aliases { get; }

        /// <summary>The normalised text with the matter's names and aliases blanked out, the longest first.</summary>
        public string WithoutNames(string normalized) =>
            _names.Aggregate(normalized, (text, name) => text.Replace(name.Name, name.Blank, StringComparison.Ordinal));

        /// <summary>The names and aliases that name money the matter pays out (丧葬费, 生育津贴), normalised.</summary>
        public List<string> MoneyNames { get; }

        /// <summary>Section headings (申请材料…), as the section buttons send them.</summary>
        public Dictionary<string, SectionKind> Titles { get; }

        /// <summary>Bigrams of names and aliases found in no FAQ or section: they say which matter, not what is asked.</summary>
        public HashSet<string> NameOnly { get; }

        /// <summary>Every word of the names and aliases.</summary>
        public HashSet<string> NameWords { get; }

        /// <summary>
        /// The words of the official name without its bracketed cases (居住证 of 上海市居住证办理（申领、签注、补领）, not 签注).
        /// </summary>
        public HashSet<string> OfficialWords { get; }

        /// <summary>Words of the names and aliases that identify the matter rather than ask about it.</summary>
        public HashSet<string> Identifying { get; }

        /// <summary>The FAQ one of whose phrasings is exactly the question.</summary>
        public FaqUnit? ExactQuestion(string compact) => Faqs.FirstOrDefault(f => f.Compacts.Contains(compact, StringComparer.Ordinal));

        /// <summary>
        /// The FAQ one of whose phrasings is, character pair for character pair, nearly the question, and not the question
        /// narrowed by words before it that do not name the matter: 负数发票怎么开 is not 发票怎么开 (社保卡丢了怎么补办 is
        /// 丢了怎么补办 in a 社保卡 conversation), and that asks the section the question asks (<paramref name="asked"/>).
        /// </summary>
        public FaqUnit? SameQuestion(string compact, SectionKind? asked)
        {
            var question = CharacterPairs(compact);
            return question.Count == 0 ? null
                : Faqs.FirstOrDefault(f => Enumerable.Range(0, f.Compacts.Length).Any(i =>
                    f.LineAsks[i] == asked && Dice(question, f.Texts[i]) >= SameQuestionSimilarity && !Narrows(f.Compacts[i], compact)));
        }

        // True when the phrasing is the question with words before it that do not identify the matter (负数 of 负数发票怎么开;
        // 临时 of 临时身份证怎么办, although 临时身份证 is an alias: it names one FAQ's case).
        private bool Narrows(string phrasing, string question) =>
            phrasing.Length > question.Length && phrasing.EndsWith(question, StringComparison.Ordinal)
            && Identifying.Where(w => w.Length > 1).OrderByDescending(w => w.Length).Aggregate(phrasing[..^question.Length], (rest, w) => rest.Replace(w, string.Empty, StringComparison.Ordinal)).Length >= 2;

        /// <summary>True when some FAQ or section of the matter has the term.</summary>
        public bool Has(string term) => _weights.ContainsKey(term);

        public double Weight(string term) =>
            (_weights.TryGetValue(term, out var weight) ? weight : _unseenWeight) * (term.StartsWith(CharacterPrefix, StringComparison.Ordinal) ? CharacterWeight : 1);

        // True when the text is these names and nothing else but single characters (优待证 有什么用 → 优待证; 长护险评估等级
        // leaves 等级, so that FAQ asks about a grade, not the matter).
        private static bool IsOnly(string text, List<string> names)
        {
            var run = 0;
            foreach (var c in names.Aggregate(text, (rest, name) => rest.Replace(name, " ", StringComparison.Ordinal)))
            {
                run = char.IsLetterOrDigit(c) ? run + 1 : 0;
                if (run > 1)
                {
                    return false;
                }
            }

            return true;
        }

        private static double Dice(HashSet<string> a, IReadOnlySet<string> b) => 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

        private static bool Contains(IReadOnlySet<string> phrasing, string word) =>
            Enumerable.Range(0, word.Length - 1).All(i => phrasing.Contains(word.Substring(i, 2)));

        private static double Idf(int units, int count) => Math.Log(1 + ((units - count + 0.5) / (count + 0.5)));
    }

    /// <summary>Per FAQ, how far it covers the question's topic beyond the FAQs' average; and the largest of these.</summary>
    private sealed record TopicFit(double[] Lead, double Specificity);

    /// <summary>
    /// An FAQ's question phrasings (heading and 也问), its answer, the sections its heading asks about, the ways its
    /// phrasings ask an amount (多少钱 of 一个月有多少钱, 额度 of 提取额度是多少), the times they ask other than the time limit
    /// (几次, 期限), whether its heading asks how to do its case (社保卡金融功能怎么激活), and whether a phrasing asks what
    /// something is or is for (台胞证是什么; 流程是什么 asks the 流程), whether one asks that of the matter itself
    /// (优待证有什么用), and whether the heading asks a difference (简易注销和一般注销有什么区别？).
    /// </summary>
    private sealed record FaqUnit(Faq Faq, IReadOnlySet<string>[] Phrasings, IReadOnlySet<string> Answer, IReadOnlySet<SectionKind> Intents, IReadOnlySet<string> Amounts, IReadOnlySet<TimeAsk> TimeAsks, bool AsksHow, bool AsksWhat, bool AsksWhatTheMatterIs, bool AsksDifference)
    {
        /// <summary>The heading and 也问 lines as sets of character pairs, compacted.</summary>
        public IReadOnlySet<string>[] Texts { get; } = [.. LinesOf(Faq).Select(CharacterPairs)];

        /// <summary>The heading and 也问 lines, compacted.</summary>
        public string[] Compacts { get; } = [.. LinesOf(Faq)];

        /// <summary>The section each of <see cref="Compacts"/> asks, if any.</summary>
        public SectionKind?[] LineAsks { get; init; } = [];

        /// <summary>The times the heading itself asks (<see cref="TimeAsks"/> adds the 也问 lines').</summary>
        public IReadOnlySet<TimeAsk> HeadingTimeAsks { get; init; } = new HashSet<TimeAsk>();

        /// <summary>True when the FAQ asks or tells how to follow how far an application has got (进度).</summary>
        public bool TellsProgress { get; init; }

        /// <summary>The stages of the matter (新办, 注销…) that the heading or a 也问 line names.</summary>
        public IReadOnlySet<string> Stages { get; init; } = new HashSet<string>();

        /// <summary>The stages that the heading itself names (<see cref="Stages"/> adds the 也问 lines').</summary>
        public IReadOnlySet<string> HeadingStages { get; init; } = new HashSet<string>();

        public static IEnumerable<string> LinesOf(Faq faq) => new[] { faq.Question }.Concat(faq.Alternatives).Select(t => Compact(TextNormalizer.Normalize(t)));
    }

    // The cases an official name lists in brackets (（申领、签注、补领）): each is one FAQ's case, not the matter's name.
    [GeneratedRegex(@"[（(][^）)]*[）)]")]
    private static partial Regex BracketedCases();
}
