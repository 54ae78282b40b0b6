using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Decides a question asked while a conversation is about a matter (issue 12, item 7). A follow-up cue (材料, 多久) never
/// overrides a question that names its own matter: 居住证积分怎么弄啊 after a 居住证 answer is about 居住证积分. A bare
/// follow-up (那要带什么材料) stays with the current matter. A question with words of its own and a cue goes to the new
/// matter when that is clear, stays when nothing else is likely, and otherwise asks whether the person means the current
/// matter's section or the new matter. Immutable and thread-safe.
/// </summary>
internal sealed class FollowUpPolicy(MatterMentions mentions, ContentChooser content, IntentRecognizer intents)
{
    // The named matter must also be among the ranking's first few, so a stray alias cannot pull an answer anywhere.
    private const int NamedMatterRank = 3;

    // A question with words of its own is a follow-up on the current matter only if the ranking has that matter among
    // its first few (the chat asks for five hits).
    private const int CurrentMatterRank = 5;

    // A question with no section cue that the usual decision would not answer stays with the current matter when one of its
    // FAQs or sections covers at least this share of the question's weight.
    private const double CurrentCoverage = 0.5;

    // A message of at most this many characters after an answer (能改吗, 过期了怎么办, 需要提供什么证明) is too short to be a
    // new question that names no matter.
    private const int ShortMessage = 8;

    // The characters a short message may say besides its framing to be offered as a follow-up (打印, 社保, 电子版), not a new
    // topic (明天下雨).
    private const int MaxOwnWord = 3;

    // A word that fewer than this share of matters use is a topic of its own (结婚 11 of 105, 工伤 6), not what many matters
    // share (预约 20, 到期 28).
    private const double TopicWord = 0.15;

    // Ways of saying one lacks something, before what is lacked (没有居住证, 没办居住证).
    private static readonly string[] Lacking = ["没有", "没办", "没"];

    /// <summary>
    /// What to do instead of the usual decision, or null to decide as usual; <paramref name="confidence"/> is the
    /// decision's confidence in the top hit, on the scale of the calibration's thresholds.
    /// </summary>
    public FollowUp? Decide(KnowledgeBase knowledge, PreparedText question, Matter current, IReadOnlyList<SearchHit> hits, double confidence, Calibration calibration)
    {
        // The section buttons under an answer send the section's title (申请材料): always the current matter's.
        if (SectionTitles.TryParse(question.Corrected, out var titled) && titled != SectionKind.Faq)
        {
            return new FollowUp(current, false, titled, $"asks the current matter's {titled} by its title");
        }

        var top = hits.Count > 0 ? hits[0] : null;
        if (NamedMatter(question, hits) is { } named)
        {
            if (named == current.Id)
            {
                return top is null || top.MatterId == current.Id || confidence < calibration.AnswerThreshold
                    ? new FollowUp(current, false, null, "names the current matter")
                    : null;
            }

            // 没有居住证可以吗 after 入学报名 asks whether the child can enrol without the permit: a matter the person says they
            // lack, in a question that asks yes or no, is their situation in the current matter, not a new ask.
            if (LacksOnly(question, named) && IntentRecognizer.AsksYesOrNo(question.Corrected))
            {
                return new FollowUp(current, false, null, $"lacks {named}: a condition of the current matter");
            }

            // 身份证过期了还能办吗 after 租赁提取: a matter named only as the state of the person's papers (or who they are), in a
            // yes-or-no question of nothing else, may be their case in the current matter or a new ask: offer the current first.
            if (intents.AsksWhetherTheCaseFits(mentions.WithoutMentionsOf(question.Rewritten, named)))
            {
                return new FollowUp(current, true, null, $"names {named} only as the person's case: of the current matter {current.Id}, or of {named}?");
            }

            // A new matter that the question names and the ranking puts first is a clear switch, even when the question alone
            // would only be clarified (居住证积分要什么材料 after 租赁提取: 居住证 also fits the permit).
            return top?.MatterId != named || confidence >= calibration.ClarifyThreshold
                ? new FollowUp(knowledge.Matters[named], false, null, $"names {named}, not the current matter {current.Id}")
                : null;
        }

        // 没通过怎么办, 信息填错了怎么办: a setback in what the person is doing, which is the current matter when no other is named,
        // however sure the ranking is of another (信息填错了 alone is an annual report's FAQ).
        if (intents.TellsASetback(question.Corrected))
        {
            return new FollowUp(current, false, SectionKind.Channels, "tells of a setback: in the current matter");
        }

        // 外地人可以吗, 退休了可以吗, 已经60岁了还能办吗: a yes-or-no question of nothing but the person's case asks whether it fits
        // the current matter; the chooser finds its paragraph (the one about that case, or 办理条件). So does "and if…" of the
        // case alone (那如果我是外地户口呢), which fell back or was offered unrelated matters.
        if (intents.AsksWhetherTheCaseFits(question.Corrected) || intents.AsksWhatIfOfTheCase(question.Corrected))
        {
            return new FollowUp(current, false, SectionKind.Conditions, "asks yes or no, or 'and if', of nothing but the person's case: of the current matter");
        }

        // A way of asking that only chooses a paragraph (能领吗, 找谁办, 要本人去吗) counts when the message says nothing else (男的能领吗):
        // with no word of its own it can only be about the current matter.
        // Whether one must go oneself (要本人去医保中心吗) asks the current matter's 办理渠道, words of its own or not.
        var onlyAsks = intents.AsksOnlyASection(question.Corrected);

        // A way of asking how papers reach the person that is a topic of its own (快递: 3 matters of 105 send by courier) and
        // that the current matter's content never uses: 帮我查一下快递到哪了 after 灵活就业参保, which sends nothing, asks
        // about a parcel, not that matter's 办理渠道. Decided as usual.
        var channel = intents.ChannelsCue(question.Corrected);
        if (channel is not null && !content.FitsEveryWord(current, channel, TopicWord))
        {
            return null;
        }

        if ((content.AskedSection(question) ?? (onlyAsks ? intents.LastAskedParagraph(question.Corrected) : null)
                ?? (channel is null ? null : SectionKind.Channels)) is not { } asked)
        {
            // 丢了怎么办 after a 社保卡 answer: too vague to be answered alone, and it is most of an FAQ of the current matter
            // (or of a section: 需要股东会决议吗 after 企业变更登记 is in its 申请材料). A short message stays so however sure the
            // ranking is of another matter (过期了怎么办 after a 居住证 answer: a 许可证 expires too), unless it names that
            // matter's topic (那积分呢 after a 居住证 answer asks about 居住证积分, not the permit's FAQ that mentions 积分).
            var brief = question.Corrected.Length <= ShortMessage;
            var sure = confidence >= calibration.AnswerThreshold;
            if ((brief || !sure) && content.BestCoverage(current, question) >= CurrentCoverage && !NamesAnotherTopic(question, current, top))
            {
                return new FollowUp(current, false, null, "too vague alone, and a paragraph of the current matter fits it");
            }

            // A statement the ranking is sure of is a new question (我要结婚); a short question, however sure the ranking, is
            // about the current matter first (可以取消吗 is not about the booking matter).
            var shortQuestion = ShortQuestion(question, current, top);
            if (sure && !shortQuestion)
            {
                return null;
            }

            // Otherwise the matter being read is offered first, beside the ranking's candidates (能打印吗 after 居住证: 社保缴费记录
            // and 不动产查询 print things too): for a short question in words the content uses (办好了怎么通知我, 要去几次), and for
            // a word or two the content uses that the ranking finds plausible (电子版). A question about what the content never
            // mentions (你吃饭了吗, 股票能买吗, 明天会下雨吗) is decided as usual.
            return shortQuestion
                || (brief && confidence >= calibration.ClarifyThreshold && intents.WhatElseItSays(question.Corrected) is { Length: > 0 and <= MaxOwnWord } own && OwnWordsFit(question, current, own))
                ? new FollowUp(current, true, null, $"a short message the ranking cannot place: of the current matter {current.Id}, or of {top?.MatterId}?")
                : null;
        }

        if (IsBare(question, current) || onlyAsks || top is null || top.MatterId == current.Id)
        {
            return new FollowUp(current, false, asked, $"follow-up on the current matter asks {asked}");
        }

        // 怎么预约, 要开什么证明 after an answer: a short question is asked of the matter being read first, however sure the ranking
        // is of a matter that the words fit alone.
        if (confidence >= calibration.AnswerThreshold && !ShortQuestion(question, current, top))
        {
            return null;
        }

        // Asking costs one tap; answering the old matter's section to a question about a new one costs trust. So the bar
        // for "something else is plausible" is half the usual clarify threshold, and none at all when the question's own
        // words do not bring the current matter up (我爸上个月走了，单位说家属能领一笔钱，去哪弄 after a 居住证积分 answer:
        // the ranking is unsure of 丧葬补助金, but 去哪 is not about 居住证积分), nor when they name the first matter's topic
        // (报销在哪里办 after an 异地就医备案 answer may ask about 零星报销). A question whose own words are all the current
        // matter's (要本人去医保中心吗 after 异地就医备案: its 医保中心 is where that matter is done) is about it, however low the
        // calibrated clarify threshold falls.
        var aboutCurrent = hits.Take(CurrentMatterRank).Any(h => h.MatterId == current.Id);
        return (confidence >= calibration.ClarifyThreshold / 2 && !content.FitsEveryWord(current, intents.WhatElseItAsks(question.Corrected), TopicWord))
            || !aboutCurrent || NamesAnotherTopic(question, current, top)
            ? new FollowUp(current, true, asked, $"asks {asked}: of the current matter {current.Id}, or of {top.MatterId}?")
            : new FollowUp(current, false, asked, $"follow-up on the current matter asks {asked}; nothing else is likely");
    }

    // Nothing but ways of asking and single characters (能改吗, 补在哪办, 去哪查), where each character besides the framing is one
    // the current matter's content uses or many matters do: 周末去哪玩 after a 居住证 answer does not ask its 办理渠道.
    private bool IsBare(PreparedText question, Matter current) =>
        intents.IsBareFollowUp(question) && content.FitsEveryWord(current, intents.WhatElseItAsks(question.Corrected), TopicWord);

    // A question of at most ShortMessage characters, in words the content uses besides its framing (要去几次, 办好了怎么通知我,
    // 要开什么证明), asked after an answer. Not when it asks outright with a topic word of the top matter's name that the current
    // one's lacks (怎么结婚, 工伤怎么认定 after a 公积金 answer): a new question, decided as usual. A word that many matters use
    // is no topic (过期了怎么办: a 食品经营许可 expires, and so do most papers). Asking yes or no (外国人能办吗) stays the
    // person's case.
    private bool ShortQuestion(PreparedText question, Matter current, SearchHit? top) =>
        question.Corrected.Length <= ShortMessage
        && intents.AsksSomething(question.Corrected)
        && intents.WhatElseItAsks(question.Corrected) is var own
        && (own.Length == 0 || OwnWordsFit(question, current, own))
        && !NamesAnotherTopic(question, current, top);

    // Asked outright (not yes or no), the question has a topic word of the top matter's names that the current matter's
    // names lack (积分 of 居住证积分 after a 居住证 answer, 结婚 after a 公积金 answer). A word that many matters use is no
    // topic (过期 of 过期了怎么办).
    private bool NamesAnotherTopic(PreparedText question, Matter current, SearchHit? top) =>
        top is not null && top.MatterId != current.Id && !IntentRecognizer.AsksYesOrNo(question.Corrected)
        && question.Words.Any(w => mentions.NameUses(top.MatterId, w) && !mentions.NameUses(current.Id, w) && content.ShareOfMattersUsing(w) < TopicWord);

    // The words a short message says besides its framing fit the matter being read. Asked yes or no (外国人能办吗, 电子版可以吗),
    // they are the person's case or a form of the paper, which any word of the content may be. Asked outright, they must be
    // the current matter's words or ones many matters use (通知, 证明): 手机没电了怎么办, 话费怎么充 and 哪家医院看牙好 after an
    // answer are not about that matter, and were offered it as “您是想继续问…吗”.
    private bool OwnWordsFit(PreparedText question, Matter current, string own) =>
        IntentRecognizer.AsksYesOrNo(question.Corrected) ? content.KnowsEveryWord(own) : content.FitsEveryWord(current, own, TopicWord);

    // True when every mention of the matter comes right after a way of saying one lacks it (没有居住证, 没办居住证).
    private bool LacksOnly(PreparedText question, string matterId)
    {
        var text = question.Rewritten;
        var mentioned = MentionsOf(text, matterId).ToList();
        return mentioned.Count > 0 && mentioned.All(m => Lacking.Any(l => m.Start >= l.Length && string.CompareOrdinal(text, m.Start - l.Length, l, 0, l.Length) == 0));
    }

    private IEnumerable<(string MatterId, int Start, int Length)> MentionsOf(string rewritten, string matterId) =>
        mentions.Find(rewritten).Where(m => m.MatterId == matterId);

    /// <summary>The matter the question names by its longest name or alias, when the ranking also has it near the top.</summary>
    public string? NamedMatter(PreparedText question, IReadOnlyList<SearchHit> hits) =>
        mentions.NamedMatter(question) is { } named && hits.Take(NamedMatterRank).Any(h => h.MatterId == named) ? named : null;
}
