using System.Text.RegularExpressions;
using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Places;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Recognises, beside search: a request for a human, chit-chat, and the section a question asks about, from the editors'
/// <c>chitchat.yaml</c>. Immutable and thread-safe.
/// </summary>
internal sealed partial class IntentRecognizer
{
    // Chit-chat is short; a long message that happens to contain 你好 is a real question.
    private const int MaxChitchatLength = 16;
    private const double ChitchatSimilarity = 0.6;
    private const double ContainedSimilarity = 0.7;

    // 谢谢，帮了大忙 is thanks; 侬好，租房子的公积金按月提取哪能弄 is a question that starts with a greeting.
    private const int MaxChitchatRemainder = 4;

    // 了 plus at least two characters of ask (了可以吗, 了还行吗).
    private const int MinAskAfterState = 3;

    // Either-or questions that do not end with 吗.
    private static readonly string[] EitherOr = ["可不可以", "能不能", "行不行", "可以不"];

    // What joins a site's name to a web title: 上海居住证办理流程 - 知乎, …_百度知道.
    private static readonly char[] TitleSeparators = [' ', '-', '_', '|', '—', '–', '·'];

    private readonly string[] _humanPhrases;
    private readonly (string Cue, SectionKind Section)[] _sectionCues;
    private readonly (string Cue, SectionKind Section)[] _paragraphCues;
    private readonly (string Cue, SectionKind Section)[] _followUpCues;
    private readonly string[] _inPerson;
    private readonly string[] _channelCues;
    private readonly string[] _setbacks;
    private readonly string[] _questionWords;
    private readonly HashSet<string> _paragraphTerms;
    private readonly (string Example, ChitchatIntent Intent)[] _chitchat;
    private readonly HashSet<string> _cueWords;
    private readonly HashSet<string> _cueTerms;
    private readonly PlaceFinder _places;
    private readonly TextPreparer _preparer;
    private readonly string[] _amountCues;
    private readonly CuePhrases _amounts;
    private readonly string[] _payCues;
    private readonly string[] _frustration;
    private readonly string[] _crossRegionPhrases;
    private readonly HashSet<string> _crossRegionWords;
    private readonly CuePhrases _how;
    private readonly CuePhrases _definition;
    private readonly CuePhrases _difference;
    private readonly CuePhrases _frequency;
    private readonly CuePhrases _periods;
    private readonly CuePhrases _deadlines;
    private readonly CuePhrases _waits;
    private readonly CuePhrases _durations;
    private readonly CuePhrases _penalties;
    private readonly CuePhrases _validity;
    private readonly CuePhrases _progress;
    private readonly (string Stage, CuePhrases Words)[] _stages;
    private readonly (string Phrase, string Blank)[] _notAsking;
    private readonly string[] _moneyNameEndings;
    private readonly (string Padding, string Kept)[] _padding;
    private readonly string[] _openers;
    private readonly string[] _framing;
    private readonly string[] _questionFraming;
    private readonly string[] _ways;
    private readonly string[] _askingAnything;

    public IntentRecognizer(ConversationLexicon lexicon, TextPreparer preparer, PlaceFinder places)
    {
        _places = places;
        _preparer = preparer;
        _humanPhrases = lexicon.HumanPhrases.Select(TextNormalizer.Normalize).Where(p => p.Length > 0).ToArray();
        _sectionCues = CuesOf(lexicon.SectionCues);
        _paragraphCues = CuesOf(lexicon.SectionCues.Concat(lexicon.ParagraphCues));
        _inPerson = Longest(lexicon.InPerson);
        _setbacks = Longest(lexicon.Setbacks);
        _questionWords = Longest(lexicon.QuestionWords);
        _channelCues = Longest(lexicon.InPerson.Concat(lexicon.Setbacks));
        _followUpCues = [.. _paragraphCues.Concat(_channelCues.Select(c => (Cue: c, Section: SectionKind.Channels))).OrderByDescending(c => c.Cue.Length)];
        _chitchat = lexicon.Intents
            .SelectMany(i => i.Examples.Select(e => (Example: Compact(TextNormalizer.Normalize(e)), Intent: i)))
            .Where(e => e.Example.Length > 0)
            .ToArray();
        var cues = _sectionCues.Select(c => preparer.Prepare(c.Cue)).ToList();
        _cueWords = cues.SelectMany(c => c.Words).ToHashSet(StringComparer.Ordinal);
        _cueTerms = cues.SelectMany(c => c.Words.Concat(c.Bigrams)).ToHashSet(StringComparer.Ordinal);
        _paragraphTerms = _paragraphCues.Select(c => preparer.Prepare(c.Cue)).SelectMany(c => c.Words.Concat(c.Bigrams)).ToHashSet(StringComparer.Ordinal);
        _amountCues = lexicon.AmountCues.Select(TextNormalizer.Normalize).Where(c => c.Length > 0).ToArray();
        _payCues = _sectionCues.Where(c => c.Section == SectionKind.Fees && !_amountCues.Contains(c.Cue)).Select(c => c.Cue).ToArray();
        _frustration = lexicon.Frustration.Select(TextNormalizer.Normalize).Where(f => f.Length > 0).ToArray();
        var cross = lexicon.CrossRegion.Select(TextNormalizer.Normalize).Where(p => p.Length > 0).ToArray();
        _crossRegionPhrases = cross.Where(c => c.Length > 1).ToArray();
        _crossRegionWords = cross.Where(c => c.Length == 1).ToHashSet(StringComparer.Ordinal);
        _amounts = new CuePhrases(_amountCues);
        _how = new CuePhrases(lexicon.HowPhrases);
        _definition = new CuePhrases(lexicon.DefinitionPhrases);
        _difference = new CuePhrases(lexicon.DifferencePhrases);
        _frequency = new CuePhrases(lexicon.FrequencyPhrases);
        _periods = new CuePhrases(lexicon.PeriodPhrases);
        _deadlines = new CuePhrases(lexicon.DeadlinePhrases);
        _waits = new CuePhrases(lexicon.WaitPhrases);
        _durations = new CuePhrases(lexicon.DurationPhrases);
        _penalties = new CuePhrases(lexicon.PenaltyPhrases);
        _validity = new CuePhrases(lexicon.ValidityPhrases);
        _progress = new CuePhrases(lexicon.ProgressPhrases);
        _stages = [.. lexicon.Stages.Select(s => (s.Key, new CuePhrases(s.Value)))];
        SectionsStage = lexicon.SectionsStage;
        _notAsking = [.. Longest(lexicon.NotAskingPhrases).Select(p => (p, new string(' ', p.Length)))];
        _moneyNameEndings = [.. lexicon.MoneyNameEndings.Select(TextNormalizer.Normalize).Where(e => e.Length > 0)];
        Validity = lexicon.ValidityPhrases.FirstOrDefault();
        _openers = Longest(lexicon.Openers);
        // Each padding word, longest first, with the paragraph cue it holds (流程 of 全流程), or a space.
        _padding = Longest(lexicon.Padding).Select(p => (Padding: p, Kept: _paragraphCues.Select(c => c.Cue).Where(c => p.Contains(c, StringComparison.Ordinal)).MaxBy(c => c.Length) ?? " ")).ToArray();
        _framing = _followUpCues.Select(c => c.Cue)
            .Concat(Longest(lexicon.AskingWords))
            .ToArray();
        _questionFraming = Longest(_framing.Concat(_questionWords).Concat(lexicon.HowPhrases));
        _ways = Longest(_questionWords.Concat(lexicon.HowPhrases));
        _askingAnything = Longest(_questionFraming.Concat(lexicon.OverviewPhrases)
            .Concat(new[] { lexicon.DurationPhrases, lexicon.DeadlinePhrases, lexicon.PeriodPhrases, lexicon.WaitPhrases, lexicon.FrequencyPhrases, lexicon.ValidityPhrases, lexicon.AmountCues, lexicon.ProgressPhrases }
                .SelectMany(p => p).Select(TextNormalizer.Normalize).Where(p => p.Length > 0 && !p.Contains('…', StringComparison.Ordinal))));
    }

    /// <summary>
    /// The text with its ways of asking (question words and ways of asking how: 怎么办, 如何, 多少) blanked out, so that what
    /// is left says what the question is about (电话 of 电话多少, with no 话多 across the two).
    /// </summary>
    public string MaskWaysOfAsking(string text) =>
        _ways.Aggregate(text, (masked, phrase) => masked.Replace(phrase, " ", StringComparison.Ordinal));

    /// <summary>
    /// True when the text asks a section and says nothing else: nothing is left once its cues and the words that only frame a
    /// question are taken out (那需要什么材料呢, 网上能办吗; not 领证要带啥 or 退工单哪里办, whose 领证 and 退工单 name a matter).
    /// </summary>
    public bool AsksOnlyASection(string normalized) => LastAsked(_followUpCues, normalized) is not null && SaysNothingElse(normalized);

    /// <summary>True when nothing is left of the text once its cues and the words that only frame a question are taken out (外地人可以吗).</summary>
    public bool SaysNothingElse(string normalized) => WhatElseItSays(normalized).Length == 0;

    /// <summary>
    /// The letters and digits left of the text once its cues and the words that only frame a question are taken out (打印 of
    /// 能打印吗).
    /// </summary>
    public string WhatElseItSays(string normalized) => Without(_framing, normalized);

    /// <summary>
    /// The same with the question words taken out too (通知 of 办好了怎么通知我): what a question asks about.
    /// </summary>
    public string WhatElseItAsks(string normalized) => Without(_questionFraming, normalized);

    /// <summary>
    /// True when nothing is left of the text once every way of asking is taken out: to have it done, a section, a time or an
    /// amount (多久能拿到, 找哪个部门, 有效期多久, 能领多少): what is left of 公证多久能拿到 once the matter's name is.
    /// </summary>
    public bool AsksOnlyWays(string normalized) => Without(_askingAnything, normalized).Length == 0;

    /// <summary>True when the text asks, or tells, how far an application has got (身份证办理进度怎么查, 进度可在随申办查询).</summary>
    public bool NamesProgress(string normalized) => _progress.In(normalized);

    /// <summary>The stage that a matter's sections describe when they name none (see <see cref="ConversationLexicon.SectionsStage"/>).</summary>
    public string? SectionsStage { get; }

    /// <summary>The stages of a matter (新办, 注销, 补办…) that <paramref name="normalized"/> names.</summary>
    public IReadOnlySet<string> StagesNamed(string normalized) =>
        _stages.Where(s => s.Words.In(normalized)).Select(s => s.Stage).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="question"/> without the editors' padding, the words search and article titles add to the ask (上海三胎
    /// 能上户口吗最新政策是什么, 劳务派遣公司的条件详解); the question as it is when nothing else would be left (最新政策).
    /// </summary>
    public PreparedText WithoutPadding(PreparedText question) => WithoutPadding(question, keepCues: false);

    /// <summary>
    /// <paramref name="question"/> without its padding, as the paragraph is chosen: a padding word that holds a paragraph's
    /// cue leaves the cue (上海居转户全流程详解 still asks 流程); 办理全攻略 and 指南 leave nothing, so the question names the matter
    /// and asks nothing narrower.
    /// </summary>
    public PreparedText WithoutPaddingKeepingCues(PreparedText question) => WithoutPadding(question, keepCues: true);

    private PreparedText WithoutPadding(PreparedText question, bool keepCues)
    {
        // What joined a site's name to the title (- 知乎, _百度知道, | 本地宝) goes with it.
        var stripped = _padding.Aggregate(Year().Replace(question.Normalized, " "), (text, word) => text.Replace(word.Padding, keepCues ? word.Kept : " ", StringComparison.Ordinal))
            .Trim(TitleSeparators);
        if (stripped == question.Normalized)
        {
            return question;
        }

        var prepared = _preparer.Prepare(stripped);
        return prepared.IsEmpty ? question : prepared;
    }

    /// <summary>
    /// <paramref name="question"/> without what it opens with (你好，小申，在吗？): 你好小申，居住证怎么办 is 居住证怎么办, answered and
    /// ranked as that. The message as it is when nothing, or a single character, would be left (你好, 小申你好, 你好啊).
    /// </summary>
    public PreparedText WithoutOpeners(PreparedText question)
    {
        var text = question.Normalized;
        var start = 0;
        while (true)
        {
            while (start < text.Length && !char.IsLetterOrDigit(text[start]))
            {
                start++;
            }

            var at = start;
            var opener = _openers.FirstOrDefault(o => string.CompareOrdinal(text, at, o, 0, o.Length) == 0
                && (at + o.Length == text.Length || !char.IsAsciiLetter(o[^1]) || !char.IsAsciiLetter(text[at + o.Length])));
            if (opener is null)
            {
                break;
            }

            start += opener.Length;
        }

        var rest = text[start..];
        return start > 0 && rest.Count(char.IsLetterOrDigit) >= 2 ? _preparer.Prepare(rest) : question;
    }

    /// <summary>True when the message contains one of the editors' frustration phrases.</summary>
    public bool IsFrustrated(string normalized) => _frustration.Any(f => normalized.Contains(f, StringComparison.Ordinal));

    /// <summary>
    /// The other place the question is about (深圳公积金怎么取, 洛阳港澳通行证续签), or null: it names a place outside Shanghai,
    /// names no place in Shanghai, and nothing marks it as a cross-region matter (转入上海, 异地就医, 河南人在上海…).
    /// </summary>
    public PlaceMention? OtherPlace(PreparedText question)
    {
        var mentions = _places.Find(question.Normalized, _preparer.WordBoundaries);
        var other = mentions.FirstOrDefault(m => !m.IsShanghai);
        if (other is null || mentions.Any(m => m.IsShanghai))
        {
            return null;
        }

        // 广东户口迁回海南: two places elsewhere and none in Shanghai is about elsewhere, whatever the verbs say.
        if (mentions.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() >= 2)
        {
            return other;
        }

        // A one-character word says the person is from there only right after the place (河南人, 安徽籍): 哪些人可以在江西省申领
        // 社会保障卡 asks about Jiangxi.
        var text = question.Normalized;
        var crossRegion = _crossRegionPhrases.Any(c => text.Contains(c, StringComparison.Ordinal))
            || question.Words.Any(w => _crossRegionWords.Contains(w) && mentions.Any(m => m.IsFollowedBy(text, w)));
        return crossRegion ? null : other;
    }

    /// <summary>
    /// <paramref name="earlier"/>, a question about another place, asked of the place in Shanghai that
    /// <paramref name="message"/> (both normalised) names with nothing else but ways of asking (那上海呢, 我在上海呢, 浦东的呢): 深圳公积金怎么提取 →
    /// 上海公积金怎么提取. Null when the message says anything else or names a place elsewhere, or the earlier question names
    /// no place elsewhere.
    /// </summary>
    public string? AskedInShanghai(string earlier, string message)
    {
        var here = _places.Find(message, _preparer.WordBoundaries);
        if (here.Count == 0 || here.Any(m => !m.IsShanghai) || WhatElseItAsks(Replaced(message, here, " ")).Length > 0)
        {
            return null;
        }

        var there = _places.Find(earlier, _preparer.WordBoundaries).Where(m => !m.IsShanghai).ToList();
        return there.Count == 0 ? null : Replaced(earlier, there, here[0].Surface);
    }

    // The text with each mention replaced, from the last so that the offsets of the earlier ones still hold.
    private static string Replaced(string normalized, IEnumerable<PlaceMention> mentions, string by) =>
        mentions.OrderByDescending(m => m.Start).Aggregate(normalized, (text, m) => string.Concat(text.AsSpan(0, m.Start), by, text.AsSpan(m.Start + m.Surface.Length)));

    /// <summary>
    /// True when the person asks for a human agent. Phrases of three or more characters match anywhere; shorter ones
    /// (人工, 真人) only as whole words, so 外国人工作许可 is not a request for a person.
    /// </summary>
    public bool IsHumanRequest(PreparedText question) =>
        _humanPhrases.Any(p => p.Length >= 3 ? question.Normalized.Contains(p, StringComparison.Ordinal) : question.Words.Contains(p));

    /// <summary>The message with the ways of asking for a person removed, so the rest can still be routed (护照的事转人工 → 护照的事).</summary>
    public string WithoutHumanPhrases(string normalized) =>
        _humanPhrases.OrderByDescending(p => p.Length).Aggregate(normalized, (text, phrase) => text.Replace(phrase, " ", StringComparison.Ordinal));

    /// <summary>The section asked about, by the longest cue found; null when none.</summary>
    public SectionKind? AskedSection(string normalized)
    {
        foreach (var (cue, section) in _sectionCues)
        {
            if (normalized.Contains(cue, StringComparison.Ordinal))
            {
                return section;
            }
        }

        return null;
    }

    /// <summary>
    /// The section asked about where a question names more than one: the cue that ends last, because a Chinese question
    /// ends with its ask (房子抵押手续要多久 asks 多久; 手续 is what it is about). Null when none.
    /// </summary>
    public SectionKind? LastAskedSection(string normalized) => LastAsked(_sectionCues, normalized);

    /// <summary>
    /// As <see cref="LastAskedSection"/>, with the ways of asking that only choose a paragraph (哪个部门, 手续费): for a
    /// matter already decided on. Phrases that only name a thing (注册地址 of 公司搬家了，注册地址变更怎么办？, 公司地址变更;
    /// chitchat.yaml's not_asking) ask nothing: they are about moving, not where to apply.
    /// </summary>
    public SectionKind? LastAskedParagraph(string normalized) => LastAsked(_paragraphCues, WithoutNotAsking(normalized));

    private string WithoutNotAsking(string normalized) =>
        _notAsking.Aggregate(normalized, (text, n) => text.Replace(n.Phrase, n.Blank, StringComparison.Ordinal));

    /// <summary>
    /// The way of asking whether one must go in person (本人去 of 要本人去吗) or of telling a setback (没通过 of 没通过怎么办) that
    /// the text uses, when it asks no section otherwise: 办理渠道 answers it unless an FAQ asks it; null when none. A setback in
    /// a yes-or-no question is not one: the question asks whether something can be done about it (名字写错了能换吗).
    /// </summary>
    public string? ChannelsCue(string normalized) =>
        LastAskedParagraph(normalized) is not null ? null
            : AsksYesOrNo(normalized) ? _inPerson.FirstOrDefault(c => normalized.Contains(c, StringComparison.Ordinal))
            : _channelCues.FirstOrDefault(c => normalized.Contains(c, StringComparison.Ordinal));

    /// <summary>The ways of asking whether one must go in person and of telling a setback, normalised, longest first.</summary>
    public IReadOnlyList<string> ChannelsCues => _channelCues;

    /// <summary>True when the text tells that the matter did not go through (没通过怎么办, 信息填错了怎么办).</summary>
    public bool TellsASetback(string normalized) => _setbacks.Any(c => normalized.Contains(c, StringComparison.Ordinal));

    /// <summary>
    /// True when the text is a question about something: it asks yes or no or uses a question word (怎么, 什么, 哪, 几), and says
    /// more than the question words (not ？, 呢 or 几几几 alone).
    /// </summary>
    public bool AsksSomething(string normalized) =>
        (AsksYesOrNo(normalized) || _questionWords.Any(w => normalized.Contains(w, StringComparison.Ordinal)))
        && Without(_questionWords, normalized).Length > 0;

    /// <summary>True when the text asks yes or no: it ends with 吗 or uses an either-or form (能不能, 行不行).</summary>
    public static bool AsksYesOrNo(string normalized) =>
        TextNormalizer.BeforeYesOrNoParticle(normalized) is not null || EitherOr.Any(y => normalized.Contains(y, StringComparison.Ordinal));

    /// <summary>
    /// True when the text asks yes or no of nothing but the person's case: 外地人可以吗, or a state and then only the words
    /// that frame the ask (退休了可以吗, 已经60岁了还能办吗). Its paragraph is the one about who qualifies.
    /// </summary>
    public bool AsksWhetherTheCaseFits(string normalized)
    {
        if (!AsksYesOrNo(normalized))
        {
            return false;
        }

        // The ask after the state must be more than a particle: 办好了吗 asks whether something is done.
        var state = normalized.LastIndexOf('了');
        return SaysNothingElse(normalized)
            || (state > 0 && normalized.Length - state > MinAskAfterState && SaysNothingElse(normalized[(state + 1)..]));
    }

    /// <summary>
    /// True when the text asks "and if…" of nothing but the person's case (那如果我是外地户口呢, 学生的话呢, 周末呢): after an
    /// answer it asks whether the case fits the matter being read, as 外地人可以吗 does.
    /// </summary>
    public bool AsksWhatIfOfTheCase(string normalized) =>
        TextNormalizer.BeforeParticle(normalized, '呢') is not null && SaysNothingElse(normalized);

    /// <summary>True when <paramref name="word"/> (a word of a prepared text) is one of the editors' question words (什么, 哪些).</summary>
    public bool IsQuestionWord(string word) => _questionWords.Contains(word, StringComparer.Ordinal);

    /// <summary>True for words and bigrams of any cue, those that only choose a paragraph included.</summary>
    public bool IsParagraphCueTerm(string term) => _paragraphTerms.Contains(term);

    private static string Without(string[] phrases, string normalized) =>
        string.Concat(phrases.Aggregate(normalized, (text, phrase) => text.Replace(phrase, " ", StringComparison.Ordinal)).Where(char.IsLetterOrDigit));

    private static string[] Longest(IEnumerable<string> phrases) =>
        phrases.Select(TextNormalizer.Normalize).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(c => c.Length).ToArray();

    private static (string Cue, SectionKind Section)[] CuesOf(IEnumerable<KeyValuePair<SectionKind, IReadOnlyList<string>>> cues) =>
        cues.SelectMany(s => s.Value.Select(c => (Cue: TextNormalizer.Normalize(c), Section: s.Key)))
            .Where(c => c.Cue.Length > 0)
            .OrderByDescending(c => c.Cue.Length)
            .ToArray();

    private static SectionKind? LastAsked((string Cue, SectionKind Section)[] cues, string normalized)
    {
        SectionKind? last = null;
        var end = -1;
        foreach (var (cue, section) in cues)
        {
            var at = normalized.LastIndexOf(cue, StringComparison.Ordinal);
            if (at >= 0 && at + cue.Length > end)
            {
                (last, end) = (section, at + cue.Length);
            }
        }

        return last;
    }

    /// <summary>
    /// What the text's question about time asks (多久提取一次, 多久必须报户口, 多久能拿到), or null. A way of asking how long the
    /// office takes counts only when nothing else about time is asked (多久 is in 住多久 and 多久…一次 too) and no way of asking
    /// how comes after it.
    /// </summary>
    public TimeAsk? TimeAskOf(string normalized) =>
        _waits.In(normalized) ? TimeAsk.Wait
        : _frequency.In(normalized) ? TimeAsk.Frequency
        : _periods.In(normalized) ? TimeAsk.Period
        : _deadlines.In(normalized) ? TimeAsk.Deadline
        : _validity.In(normalized) ? TimeAsk.Validity
        : AsksDuration(normalized) ? TimeAsk.Duration
        : null;

    /// <summary>
    /// Every <see cref="TimeAsk"/> the text asks (an FAQ's heading and 也问 lines may ask both); <see cref="TimeAsk.Duration"/>
    /// only when it asks no other (身份证到期提前多久可以换 asks a deadline, not how long the office takes).
    /// </summary>
    public IReadOnlySet<TimeAsk> TimeAsks(string normalized)
    {
        var asks = new HashSet<TimeAsk>();
        if (_frequency.In(normalized))
        {
            asks.Add(TimeAsk.Frequency);
        }

        if (_periods.In(normalized))
        {
            asks.Add(TimeAsk.Period);
        }

        if (_deadlines.In(normalized))
        {
            asks.Add(TimeAsk.Deadline);
        }

        if (_validity.In(normalized))
        {
            asks.Add(TimeAsk.Validity);
        }

        if (_waits.In(normalized))
        {
            asks.Add(TimeAsk.Wait);
        }

        if (asks.Count == 0 && AsksDuration(normalized))
        {
            asks.Add(TimeAsk.Duration);
        }

        return asks;
    }

    // 身份证丢了过几天要坐高铁怎么办 asks how, not how long: a way of asking how that comes after the 几天 is the ask. 入职没多久
    // (not_asking) tells when, and asks nothing.
    private bool AsksDuration(string normalized)
    {
        var text = WithoutNotAsking(normalized);
        return _durations.LastEnd(text) > _how.LastEnd(text);
    }

    /// <summary>What the content calls how long a paper stays valid (有效期), or null when the lexicon lists no way of asking it.</summary>
    public string? Validity { get; }

    /// <summary>True when the text names how long something stays valid (有效期, 有效几年, 能用多久).</summary>
    public bool NamesValidity(string normalized) => _validity.In(normalized);

    /// <summary>True when the text names a fine or penalty (罚款, 处罚, 滞纳金): its 多少钱 is not the service's fee.</summary>
    public bool NamesPenalty(string normalized) => _penalties.In(normalized);

    /// <summary>True when the text asks how to do something (怎么, 如何).</summary>
    public bool AsksHow(string normalized) => _how.In(normalized);

    /// <summary>True when the text asks what something is (是什么, 什么意思, 干什么的).</summary>
    public bool AsksWhatItIs(string normalized) => _definition.In(normalized);

    /// <summary>True when the text asks the difference between two things (区别, 有什么不同, 选哪个).</summary>
    public bool AsksDifference(string normalized) => _difference.In(normalized);

    /// <summary>The text without its ways of asking what something is (出生医学证明是什么 → 出生医学证明).</summary>
    public string WithoutWhatItIs(string normalized) => _definition.Without(normalized);

    /// <summary>The text without its ways of asking an amount (丧葬补助金能领多少钱 → 丧葬补助金).</summary>
    public string WithoutAmounts(string normalized) => _amounts.Without(normalized);

    /// <summary>
    /// The text with its ways of asking the validity (能用多久, 有效期几年) said as the validity's name (有效期): their 多久 and
    /// 能用 are not words for a paragraph to share (居住证办好要多久？, 手机上的居住证能用吗).
    /// </summary>
    public string WithValidityNamed(string normalized) => $"{_validity.Without(normalized)} {Validity}";

    /// <summary>
    /// The ways of asking an amount (多少钱, 标准, 能拿多少) in the text, or none when it asks about paying for the service
    /// (收费, 要钱, 工本费): 高龄津贴多少钱 and 缴费标准 ask amounts, 收费标准 does not.
    /// </summary>
    public IReadOnlySet<string> AmountCues(string normalized) =>
        _payCues.Any(c => normalized.Contains(c, StringComparison.Ordinal))
            ? new HashSet<string>()
            : _amountCues.Where(c => normalized.Contains(c, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// True when a way of asking how comes after the text's last way of asking an amount: 个税扣除标准怎么填 and 年金扣除上限
    /// 怎么填 ask how to fill the form in, not the amount.
    /// </summary>
    public bool AsksHowAfterAmount(string normalized)
    {
        var amount = _amounts.LastEnd(normalized);
        return amount >= 0 && _how.LastEnd(normalized) > amount;
    }

    /// <summary>True when a matter's name or alias names money that is paid out (丧葬补助金, 生育津贴, 医药费报销).</summary>
    public bool NamesMoney(string normalizedName) => _moneyNameEndings.Any(e => normalizedName.EndsWith(e, StringComparison.Ordinal));

    /// <summary>True when <paramref name="cue"/> is also a way of asking the fee (多少钱): it may ask what the service costs.</summary>
    public bool IsFeeCue(string cue) => _sectionCues.Any(c => c.Section == SectionKind.Fees && c.Cue == cue);

    /// <summary>True for words and bigrams of section cues (材料, 多久): they say what is asked, not which matter.</summary>
    public bool IsCueTerm(string term) => _cueTerms.Contains(term);

    /// <summary>True when the question has no topic beyond section cue words (那要带什么材料, 多久能好).</summary>
    public bool IsBareFollowUp(PreparedText question) =>
        question.Words.All(w => _cueWords.Contains(w) || w.Length == 1);

    /// <summary>
    /// The chit-chat intent and how close the message is to its nearest example (1 = identical). A message that contains
    /// an example of two or more characters plus at most a few more characters (谢谢，帮大忙了) is close as well.
    /// </summary>
    public (ChitchatIntent? Intent, double Similarity) Chitchat(string normalized)
    {
        var text = Compact(normalized);
        if (text.Length == 0 || text.Length > MaxChitchatLength)
        {
            return (null, 0);
        }

        ChitchatIntent? best = null;
        var bestScore = 0.0;
        foreach (var (example, intent) in _chitchat)
        {
            var score = example == text ? 1.0
                : example.Length >= 2 && text.Length - example.Length <= MaxChitchatRemainder && text.Contains(example, StringComparison.Ordinal)
                    ? Math.Max(ContainedSimilarity, Dice(example, text))
                : Dice(example, text);
            if (score > bestScore)
            {
                (best, bestScore) = (intent, score);
            }
        }

        return bestScore >= ChitchatSimilarity ? (best, bestScore) : (null, bestScore);
    }

    // Punctuation and spaces do not change what small talk means.
    private static string Compact(string text) =>
        new(text.Where(char.IsLetterOrDigit).ToArray());

    private static double Dice(string a, string b)
    {
        var x = CharacterBigrams(a);
        var y = CharacterBigrams(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var shared = x.Count(y.Contains);
        return 2.0 * shared / (x.Count + y.Count);
    }

    private static HashSet<string> CharacterBigrams(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (text.Length == 1)
        {
            set.Add(text);
        }

        for (var i = 0; i + 1 < text.Length; i++)
        {
            set.Add(text.Substring(i, 2));
        }

        return set;
    }

    // The year a search or an article title dates itself with (2024年低保标准是多少, 上海积分落户政策2017): the matter and its
    // paragraph are the same whatever the year. Not an amount (2000元, 2020块) nor the year of a 年度 (2024年度汇算).
    [GeneratedRegex(@"(?<![0-9])(?:19|20)[0-9]{2}(?:年(?!度)|(?![0-9年元块万千百个月天岁号分%.]))")]
    private static partial Regex Year();
}
