using System.Globalization;
using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Learning;
using Xiaoshen.Knowledge.Places;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Answers questions from the current index build. The build is swapped atomically when content changes; a call always
/// sees one whole build. Thread-safe; register as a singleton. Disposing it closes the current build.
/// </summary>
public sealed class KnowledgeSearch(TimeProvider timeProvider) : IDisposable
{
    private const int ClarifyCandidates = 3;
    private const double FullCoverage = 0.999;
    private const double AmbiguousMargin = 0.1;
    private const double SameCoverage = 0.005;
    private const double UnsureModel = 0.5;
    // Of the first candidate's fused probability. 0.5 sat at the edge: retrained on dev questions read without the
    // false typo corrections (三年 → 上年 …), 公积金提取需要什么材料 gave 离职提取 0.46 of 退休提取's share and was
    // answered as 退休提取; at 0.4 no dev decision moves.
    private const double RivalShare = 0.4;
    private const int BridgeCandidates = 3;
    private const double BridgeCoverage = 0.3;
    private const double BridgeProbability = 0.05;

    // A clarify button is offered only for a candidate the ranking gives at least this probability; below it the button is noise.
    private const double ClarifyButtonProbability = 0.02;

    // The clause that rules a matter out must point at it this clearly before the matter is excluded.
    private const double RuledOutCoverage = 0.6;

    // A ruled-out thing shorter than this (一个字) names no matter by itself.
    private const int MinimumNamedThing = 2;

    private KnowledgeSnapshot? _current;

    /// <summary>True once a build has been loaded.</summary>
    public bool IsReady => Volatile.Read(ref _current) is not null;

    /// <summary>The content of the current build.</summary>
    /// <exception cref="InvalidOperationException">No build is loaded yet.</exception>
    public KnowledgeBase Knowledge => Current.Knowledge;

    /// <summary>The current build (id, counts, calibration).</summary>
    /// <exception cref="InvalidOperationException">No build is loaded yet.</exception>
    public IndexBuild Build => Current.Build;

    private KnowledgeSnapshot Current =>
        Volatile.Read(ref _current) ?? throw new InvalidOperationException("The knowledge index has not been built yet.");

    /// <summary>Ranks matters for <paramref name="query"/>, best first, by the fused Lucene and model evidence.</summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, SearchRequest? request = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = Current;
        var evidence = Evidence(snapshot, snapshot.Intents.WithoutPadding(snapshot.Preparer.Prepare(query)));
        return Task.FromResult(ToHits(snapshot, evidence.Fused, request?.Top ?? 5));
    }

    /// <summary>Decides what to do with <paramref name="question"/>: answer, clarify, fall back, hand to a human, or chit-chat.</summary>
    public Task<KnowledgeAnswer> AskAsync(string question, SearchRequest? request = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Decide(Current, question, request ?? new SearchRequest(), cancellationToken));
    }

    /// <summary>
    /// Answers <paramref name="question"/> from a matter already decided on (a clarify button the person chose): the ranking
    /// is not asked again, only which paragraph of that matter fits the question best. <paramref name="why"/> starts the
    /// answer's reason.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The matter is not in the current build.</exception>
    public Task<KnowledgeAnswer> AnswerForAsync(string question, string matterId, string why = "chosen by the person", CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = Current;
        var matter = snapshot.Knowledge.Matters[matterId];
        var decided = Decide(snapshot, question, new SearchRequest { CurrentMatterId = matterId });
        return Task.FromResult(Answered(decided, matter, snapshot.Content.Choose(matter, snapshot.Preparer.Prepare(question)), why));
    }

    /// <summary>
    /// <paramref name="earlier"/>, which was answered as a question about another place, asked of Shanghai when
    /// <paramref name="message"/> says nothing but that Shanghai is meant (深圳公积金怎么提取, then 那上海呢 → 上海公积金怎么提取);
    /// null otherwise.
    /// </summary>
    public string? AskedInShanghai(string earlier, string message) =>
        Current.Intents.AskedInShanghai(TextNormalizer.Normalize(earlier), TextNormalizer.Normalize(message));

    /// <summary>Disposes the current build.</summary>
    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Dispose();

    /// <summary>Makes <paramref name="snapshot"/> current; the previous build is disposed (Lucene keeps it open for searches still using it).</summary>
    internal void Swap(KnowledgeSnapshot snapshot) => Interlocked.Exchange(ref _current, snapshot)?.Dispose();

    internal KnowledgeSnapshot? CurrentSnapshot => Volatile.Read(ref _current);

    internal List<MatterCandidate> Rank(KnowledgeSnapshot snapshot, PreparedText prepared, IReadOnlySet<string>? weakTerms = null) =>
        Ranker.Rank(snapshot, prepared, IsInForce(snapshot), weakTerms);

    /// <summary>
    /// Everything known about a question before deciding: what it rules out, the Lucene ranking (ruled-out words weigh
    /// little), the matter and scope models, and the candidates fused into one probability each, best first.
    /// </summary>
    internal QuestionEvidence Evidence(KnowledgeSnapshot snapshot, PreparedText prepared) => Evidence(snapshot, prepared, snapshot.Models);

    /// <summary>The same with other text models than the build's (used while training).</summary>
    internal QuestionEvidence Evidence(KnowledgeSnapshot snapshot, PreparedText prepared, QuestionModels? models)
    {
        if (prepared.IsEmpty)
        {
            return QuestionEvidence.Empty;
        }

        var contrast = ContrastParser.Parse(prepared.Normalized);
        var weak = WeakTerms(snapshot, contrast);
        var lucene = Rank(snapshot, prepared, weak);
        var excluded = RuledOutMatters(snapshot, contrast);
        var model = models?.Predict(prepared.ModelText, CandidateFusion.ModelTop) ?? ModelPrediction.None;
        var calibration = snapshot.Build.Calibration;
        var fused = CandidateFusion.Candidates(snapshot, lucene, model, excluded, IsInForce(snapshot), snapshot.Mentions.NamedMatter(prepared))
            .Select(c => new FusedCandidate(c.Candidate, calibration.Fuse(c.Features), c.Features))
            .OrderByDescending(c => c.Probability)
            .ToList();
        return new QuestionEvidence(lucene, model, fused, excluded, snapshot.Known(prepared.Bigrams));
    }

    /// <summary>
    /// The topic of <c>out-of-scope.yaml</c> that <paramref name="question"/> is about rather than its first matter
    /// <paramref name="matterId"/>, if any: such a question is refused whatever the confidence in the matter. When the
    /// question names the matter (<paramref name="named"/>, from <see cref="MatterMentions.Named"/>), only a topic that names
    /// it too takes it, as a narrower case.
    /// </summary>
    internal static (string Topic, double Covered, double ByMatter)? TopicOutside(KnowledgeSnapshot snapshot, PreparedText question, string matterId, (string? MatterId, List<string> Mentions) named) =>
        snapshot.OutOfScope.Closest(question, matterId, named.MatterId == matterId ? named.Mentions : []);

    // The number of the FAQ of this matter that the person was last shown, if that is what they were shown.
    private static int? ShownFaq(SearchRequest request, Matter matter) =>
        request.ShownContentId is { } shown && shown.StartsWith(matter.Id + "#", StringComparison.Ordinal)
        && int.TryParse(shown.AsSpan(matter.Id.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    // The token is checked between the steps (analysis, ranking), so a caller's time budget or departure ends the work.
    internal KnowledgeAnswer Decide(KnowledgeSnapshot snapshot, string question, SearchRequest request, CancellationToken cancellationToken = default)
    {
        var intents = snapshot.Intents;
        var prepared = intents.WithoutOpeners(snapshot.Preparer.Prepare(question));
        cancellationToken.ThrowIfCancellationRequested();
        var calibration = snapshot.Build.Calibration.For(prepared);
        var (chitchat, similarity) = intents.Chitchat(prepared.Normalized);
        var exactChitchat = chitchat is not null && similarity >= 0.99;

        // A request for a person is ranked on its topic alone, so the handoff can be routed to the right department, and a
        // question without its title's padding (最新, 攻略, 详解); empty messages and exact chit-chat need no search at all.
        var human = !exactChitchat && intents.IsHumanRequest(prepared);
        var searched = intents.WithoutPadding(human ? snapshot.Preparer.Prepare(intents.WithoutHumanPhrases(prepared.Normalized)) : prepared);
        var evidence = prepared.Normalized.Length == 0 || exactChitchat ? QuestionEvidence.Empty : Evidence(snapshot, searched);
        cancellationToken.ThrowIfCancellationRequested();
        var fused = evidence.Fused;
        var hits = ToHits(snapshot, fused, Math.Clamp(request.Top, 1, 20));
        var top = fused.Count > 0 ? fused[0] : null;
        var signals = evidence.ConfidenceFeatures;
        var confidence = top is null ? 0 : calibration.Confidence(signals);
        var asked = snapshot.Content.AskedSection(prepared);
        var answer = new KnowledgeAnswer
        {
            Decision = Decision.Fallback,
            Reason = string.Empty,
            Confidence = confidence,
            Matters = hits,
            AskedSection = asked,
            IsFrustrated = intents.IsFrustrated(prepared.Normalized),
            Matter = top is null ? null : snapshot.Knowledge.Matters[top.MatterId],
            BuildId = snapshot.Build.Id,
        };

        if (prepared.Normalized.Length == 0)
        {
            return answer with { Reason = "empty message" };
        }

        // An exact chit-chat phrase wins over everything (你是真人吗 is a question about Xiaoshen, not a request for one).
        if (exactChitchat)
        {
            return Chitchat(answer, chitchat!, similarity);
        }

        if (human)
        {
            return answer with { Decision = Decision.Human, Reason = "asked for a human" };
        }

        // Near chit-chat is chit-chat unless the question is answered, or, in a conversation about a matter, asks one of its
        // paragraphs: 找哪个部门 after an answer asks where that matter is handled, not which department Xiaoshen is (你是哪个部门的).
        if (chitchat is not null && confidence < calibration.AnswerThreshold && !(request.CurrentMatterId is not null && intents.LastAskedParagraph(prepared.Corrected) is not null))
        {
            return Chitchat(answer, chitchat, similarity);
        }

        // Going to Hong Kong or abroad is what Shanghai's exit-entry matters are for: a question plausibly about one of them
        // is decided as usual (去香港的签注怎么续); anything else about another place is answered honestly, and so is a document
        // that the place issues to its own people (香港护照过期了如何更换).
        var places = snapshot.Knowledge.Places;
        if (intents.OtherPlace(prepared) is { } place)
        {
            var ownDocument = place.IsFollowedBy(prepared.Normalized, places.OwnDocuments);
            if (ownDocument || !(place.IsAbroad && top is not null && places.AbroadMatters.Contains(top.MatterId) && confidence >= calibration.ClarifyThreshold))
            {
                return AboutOtherPlace(snapshot, answer, place, fused, ownDocument);
            }
        }

        // 残疾人补贴怎么申请: a topic the editors listed as not in the catalogue, closer to the question than anything the top
        // matter says of itself, is refused honestly rather than answered with that neighbour. When the question names the
        // matter, only by a topic that names it too, as a narrower case (滴滴打车怎么开发票 is a consumer's receipt, not 开发票
        // of a business). Nor a question that is nothing but ways of asking, which no topic is about: "What are the steps to
        // apply?" after a passport answer asks its 办理流程, although the words 申请 and 流程 cover the topic 住宅专项维修资金's
        // 小区维修基金申请流程.
        var mentioned = snapshot.Mentions.Named(searched.Rewritten);
        var named = mentioned.MatterId;
        var onlyWays = intents.AsksOnlyWays(prepared.Corrected);
        if (top is not null && !onlyWays && TopicOutside(snapshot, searched, top.MatterId, mentioned) is { } outside)
        {
            return answer with { OutOfScopeTopic = outside.Topic, Reason = F($"about {outside.Topic}, a topic not in the catalogue: it covers {outside.Covered:0.00} of the question, {top.MatterId}'s names and questions {outside.ByMatter:0.00}") };
        }

        // The paragraph answers what is asked, not what the person negated: 我不是要办护照，是港澳通行证续签 asks about 续签,
        // not the FAQ that compares the permit with a passport. What is done already stays, as the person's situation.
        // Nor what a web title adds to it (全攻略, 指南), save a cue that it holds (全流程 asks 流程).
        PreparedText Choosing() => intents.WithoutPaddingKeepingCues(ContrastParser.Parse(prepared.Normalized) is { RuledOut.Count: > 0 } contrast && contrast.Situation.Count(char.IsLetterOrDigit) >= 2
            ? snapshot.Preparer.Prepare(contrast.Situation)
            : prepared);
        var current = request.CurrentMatterId is { } id && snapshot.Knowledge.Matters.TryGetValue(id, out var m) ? m : null;
        if (current is not null && snapshot.FollowUps.Decide(snapshot.Knowledge, prepared, current, hits, confidence, calibration) is { } followUp)
        {
            return followUp.Clarify
                ? answer with { Decision = Decision.Clarify, FollowUpOf = current, AskedSection = followUp.Asked, Matters = OtherCandidates(hits, current), Reason = followUp.Reason }
                : Answered(answer, followUp.Matter, snapshot.Content.Choose(followUp.Matter, Choosing(), ShownFaq(request, followUp.Matter)), followUp.Reason);
        }

        // 要带什么材料 or 网上能办吗 as a first question names no matter: ask which one is meant, rather than answer whichever
        // matter's FAQ happens to repeat the words (网上能办吗 was answered with 公证办理 at confidence 0.79). So with a question
        // that is nothing but a way of asking (有效期几年, 多久能拿到), answered with 食品经营许可证延续 and 居民身份证.
        if (current is null && asked is not null && intents.AsksOnlyASection(prepared.Corrected))
        {
            return answer with { NamesNoMatter = true, Reason = F($"asks {asked} and names no matter") };
        }

        // Not when the first ranked matter is about that very way of asking (进度怎么查 → 办件进度查询), nor for a message with no
        // word at all (？？？, a run of punctuation), which asks nothing.
        if (current is null && named is null && prepared.Words.Any(w => w.Any(char.IsLetter)) && onlyWays
            && !(top is not null && MatterMentions.NamesOf(snapshot.Knowledge.Matters[top.MatterId]).Any(n => prepared.Words.Any(w => w.Length > 1 && n.Contains(w, StringComparison.Ordinal)))))
        {
            return answer with { NamesNoMatter = true, AskedSection = null, Reason = "asks only a way of asking and names no matter" };
        }

        var ruledOut = evidence.Excluded.Count == 0 ? string.Empty : F($"; ruled out {string.Join(", ", evidence.Excluded)}");

        // Two matters whose text covers the question alike tie, unless the question names the first by a name or alias that
        // is its alone: 社保卡 and 办居住证 are what the editors call those matters, although a neighbour's FAQ repeats the words.
        var tied = IsAmbiguous(fused) && named != top?.MatterId;

        // 高龄补贴怎么办理, 组合贷流程: a matter's own name or alias and nothing but a way of asking to have it done, as a
        // hot-matter button sends it, is that matter, although 办理 or 流程, which its names lack, holds the confidence down.
        // So is one with nothing but a way of asking a paragraph (公证多久能拿到, 企业年报找哪个部门), although another matter's
        // FAQ repeats those words (身份证多久能拿到？) and ranks first.
        var onlyNamed = named is not null && top is not null && !evidence.Excluded.Contains(named) && IsInForce(snapshot)(named)
            && intents.AsksOnlyWays(snapshot.Mentions.WithoutMentionsOf(searched.Rewritten, named));
        if (top is not null && ((confidence >= calibration.AnswerThreshold && !tied) || onlyNamed))
        {
            var matter = snapshot.Knowledge.Matters[onlyNamed ? named! : top.MatterId];
            if (matter.HumanOnly)
            {
                return answer with { Decision = Decision.Human, Reason = "matter is marked human-only" };
            }

            var why = onlyNamed && (matter.Id != top.MatterId || confidence < calibration.AnswerThreshold)
                ? F($"names {matter.Id} and asks nothing else of it (confidence {confidence:0.00}, first ranked {top.MatterId}){ruledOut}")
                : F($"confidence {confidence:0.00} >= {calibration.AnswerThreshold:0.00} ({Signals(calibration.Reasons(signals))}){ruledOut}");
            return Answered(answer with { Matters = NamedFirst(hits, snapshot, fused, matter.Id) }, matter, snapshot.Content.Choose(matter, Choosing()), why);
        }

        // The ranking often knows more than the decision dares to say: when the question is plausibly about one of the top
        // three, offer them as buttons rather than falling back.
        var close = fused.Take(ClarifyCandidates).Where(c => c.Probability >= ClarifyButtonProbability).ToList();
        if (top is not null && (calibration.Clarifies(confidence, close.Count) || (close.Count >= 2 && tied)))
        {
            return Offer(answer, hits, close, tied
                ? F($"the question fits {close.Count} matters equally (confidence {confidence:0.00}){ruledOut}")
                : F($"confidence {confidence:0.00} between {calibration.ClarifyThreshold:0.00} and {calibration.AnswerThreshold:0.00}; {close.Count} close matters ({Signals(calibration.Reasons(signals))}){ruledOut}"));
        }

        // A question that describes a situation (我爸上个月走了，单位说家属能领一笔钱) seldom names its matter: the confidence in
        // the best candidate stays low although the top three often hold the right one. The plausible-matters model, fitted
        // on such questions, decides whether to offer them.
        var offered = fused.Take(ClarifyCandidates).ToList();
        var plausible = offered.Count >= 2 && calibration.PlausibleWeights.Length > 0 ? PlausibleFeatures.Of(signals, offered, searched.Normalized.Length) : null;
        var chance = plausible is null ? 0 : calibration.Plausible(plausible);
        if (plausible is not null && chance >= calibration.PlausibleThreshold)
        {
            return Offer(answer, hits, offered, F($"confidence {confidence:0.00} too low to answer or to offer close matters, but the top {offered.Count} plausibly hold the matter: {chance:0.00} >= {calibration.PlausibleThreshold:0.00} ({Signals(calibration.PlausibleReasons(plausible))}){ruledOut}"))
                with { OffersPlausibleMatters = true };
        }

        var reason = top is null ? "nothing matched"
            : confidence >= calibration.ClarifyThreshold ? F($"confidence {confidence:0.00} < {(close.Count == 1 ? calibration.SingleClarifyThreshold : calibration.AnswerThreshold):0.00} and only {close.Count} plausible matter(s) to offer ({Signals(calibration.Reasons(signals))}){ruledOut}")
            : F($"confidence {confidence:0.00} < {calibration.ClarifyThreshold:0.00} ({Signals(calibration.Reasons(signals))}){ruledOut}");
        return answer with
        {
            Reason = plausible is null ? reason
                : F($"{reason}; the top {offered.Count} plausibly hold the matter: {chance:0.00} < {calibration.PlausibleThreshold:0.00}"),
        };
    }

    // Beside the matter being read, a follow-up's clarify offers the ranking's next candidates that pass the bar of any
    // clarify button (几点了 after an answer was offered 外国人工作许可 and 个税专项附加扣除 at 0.3 % and 0.1 %), possibly none.
    private static List<SearchHit> OtherCandidates(IReadOnlyList<SearchHit> hits, Matter current) =>
        hits.Where(h => h.MatterId != current.Id && h.Confidence >= ClarifyButtonProbability).Take(ClarifyCandidates - 1).ToList();

    private Func<string, bool> IsInForce(KnowledgeSnapshot snapshot)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
        return id => snapshot.Knowledge.Matters.TryGetValue(id, out var m) && m.IsInForce(today);
    }

    // Words that appear only in the clauses that rule something out: kept as context, weighed little.
    private static IReadOnlySet<string>? WeakTerms(KnowledgeSnapshot snapshot, Contrast contrast)
    {
        if (contrast.IsEmpty)
        {
            return null;
        }

        var asking = snapshot.Preparer.Prepare(contrast.Asking);
        var kept = asking.Words.Concat(asking.Bigrams).ToHashSet(StringComparer.Ordinal);
        return contrast.RuledOut.Select(snapshot.Preparer.Prepare)
            .SelectMany(p => p.Words.Concat(p.Bigrams))
            .Where(t => !kept.Contains(t))
            .ToHashSet(StringComparer.Ordinal);
    }

    // A ruled-out clause (不是个体户, 居住证已经办好了) excludes the matter it names, unless the asking clause names it too
    // (结婚证已经领了，想问离婚怎么预约 still asks about marriage registration). A thing that is part of several matters'
    // names excludes all of them: "我不是退休，是离开上海了公积金怎么取" rules out 离休、退休提取住房公积金 as well as
    // 职工退休与养老金申领.
    private HashSet<string> RuledOutMatters(KnowledgeSnapshot snapshot, Contrast contrast)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        if (contrast.IsEmpty)
        {
            return excluded;
        }

        var asking = snapshot.Preparer.Prepare(contrast.Asking);
        var askingTop = asking.IsEmpty ? null : Rank(snapshot, asking).FirstOrDefault()?.MatterId;
        foreach (var thing in contrast.RuledOut)
        {
            var ruled = Rank(snapshot, snapshot.Preparer.Prepare(thing)).FirstOrDefault();
            if (ruled is not null && ruled.Features.MatterCoverage >= RuledOutCoverage && ruled.MatterId != askingTop)
            {
                excluded.Add(ruled.MatterId);
                excluded.UnionWith(snapshot.Knowledge.Matters.Values
                    .Where(m => m.Id != askingTop && thing.Length >= MinimumNamedThing && m.Name.Contains(thing, StringComparison.Ordinal))
                    .Select(m => m.Id));
            }
        }

        return excluded;
    }

    // The three strongest pieces of evidence, e.g. "ranking 0.97 +4.1, scope 0.93 +2.2, matter model 0.88 +1.4".
    private static string Signals(IEnumerable<(string Name, float Value, double Contribution)> reasons) =>
        string.Join(", ", reasons.Take(3).Select(r => F($"{r.Name} {r.Value:0.00} {r.Contribution:+0.0;-0.0}")));

    // Ask which of the close candidates is meant, with one button each.
    private static KnowledgeAnswer Offer(KnowledgeAnswer answer, IReadOnlyList<SearchHit> hits, List<FusedCandidate> close, string reason)
    {
        var shown = close.Select(c => c.MatterId).ToHashSet(StringComparer.Ordinal);
        return answer with { Decision = Decision.Clarify, Matters = hits.Where(h => shown.Contains(h.MatterId)).ToList(), Reason = reason };
    }

    // Said honestly, with the Shanghai matters that help from this side when the question is about one of them.
    // A document the place issues its own people (香港护照) is not one Shanghai issues: its exit-entry matters are not offered.
    private static KnowledgeAnswer AboutOtherPlace(KnowledgeSnapshot snapshot, KnowledgeAnswer answer, PlaceMention place, List<FusedCandidate> fused, bool ownDocument)
    {
        var lexicon = snapshot.Knowledge.Places;
        var offered = fused.Take(BridgeCandidates)
            .Where(c => lexicon.Bridges.Contains(c.MatterId) && !(ownDocument && lexicon.AbroadMatters.Contains(c.MatterId)))
            .Where(c => c.Probability >= BridgeProbability || c.Candidate.Features.MatterCoverage >= BridgeCoverage)
            .Select(c => c.MatterId)
            .ToHashSet(StringComparer.Ordinal);
        var hits = answer.Matters.Where(h => offered.Contains(h.MatterId)).ToList();
        var reply = (place.IsAbroad ? lexicon.ReplyAbroad : lexicon.Reply).Replace(PlaceLexicon.PlacePlaceholder, place.Name, StringComparison.Ordinal);
        return answer with
        {
            Decision = Decision.Fallback,
            Reason = F($"asks about another place ({place.Kind} {place.Name}); {hits.Count} Shanghai matter(s) offered"),
            IsAboutOtherRegion = true,
            OtherPlace = new OtherPlaceAnswer(place.Name, reply, hits.Count > 0 ? lexicon.BridgeIntro : string.Empty, hits),
        };
    }

    // A question that every one of the top matters explains completely (公积金, 提取, 社保) does not say which is meant,
    // however confident the top one looks: ask instead of guessing.
    // The test is on the content's evidence (coverage and Lucene scores), not on the models, which can be sure of a
    // guess: 公积金提取 fits retirement and rent withdrawal alike. Any of the other candidates that would be offered can tie
    // with the first (for 公积金提取 it is the third).
    // A second kind of tie: the best documents of two candidates cover the same share of the question, their scores are close,
    // the fusion gives the other at least half the first one's chance and the matter model is unsure of the first (公积金提取多久到账:
    // five withdrawals have an FAQ 多久到账, and a name's bigram (金提) only gave rent withdrawal full coverage). Measured on the nine
    // dev sets: no labelled question changes; without the fusion condition six right answers became clarifies.
    private static bool IsAmbiguous(List<FusedCandidate> candidates) =>
        candidates.Count > 1
        && ((candidates[0].Candidate.Features.MatterCoverage >= FullCoverage
                && candidates.Skip(1).Take(ClarifyCandidates - 1).Any(c => c.Candidate.Features.MatterCoverage >= FullCoverage && Close(candidates[0], c)))
            || (candidates[0].Features[FusionFeatures.ModelProbability] < UnsureModel
                && candidates.Skip(1).Take(ClarifyCandidates - 1).Any(c => Math.Abs(c.Candidate.Features.Coverage - candidates[0].Candidate.Features.Coverage) < SameCoverage
                    && c.Probability >= RivalShare * candidates[0].Probability && Close(candidates[0], c))));

    private static bool Close(FusedCandidate a, FusedCandidate b) =>
        Math.Min(a.Candidate.Score, b.Candidate.Score) >= (1 - AmbiguousMargin) * Math.Max(a.Candidate.Score, b.Candidate.Score);

    private static KnowledgeAnswer Chitchat(KnowledgeAnswer answer, ChitchatIntent intent, double similarity) =>
        answer with { Decision = Decision.Chitchat, Chitchat = intent, Reason = F($"chit-chat '{intent.Name}' similarity {similarity:0.00}") };

    // The hits with the answered matter first, as the person sees it answered.
    private static IReadOnlyList<SearchHit> NamedFirst(IReadOnlyList<SearchHit> hits, KnowledgeSnapshot snapshot, List<FusedCandidate> fused, string matterId) =>
        hits.Count > 0 && hits[0].MatterId == matterId ? hits
            : [.. ToHits(snapshot, [.. fused.Where(c => c.MatterId == matterId)], 1), .. hits.Where(h => h.MatterId != matterId).Take(Math.Max(hits.Count - 1, 0))];

    private static KnowledgeAnswer Answered(KnowledgeAnswer answer, Matter matter, ContentChoice content, string reason) =>
        answer with
        {
            Decision = Decision.Answer,
            Matter = matter,
            Faq = content.Faq,
            Section = content.Section is { } kind && matter.Sections.TryGetValue(kind, out var s) ? s : null,
            IsOverview = content.Overview,
            Unstated = content.Unstated,
            Reason = $"{reason}; {content.Why}",
        };

    private static IReadOnlyList<SearchHit> ToHits(KnowledgeSnapshot snapshot, List<FusedCandidate> candidates, int top) =>
        candidates.Take(top).Select(c => new SearchHit(
            c.MatterId,
            snapshot.Knowledge.Matters[c.MatterId].Name,
            c.Candidate.Score,
            c.Probability,
            c.Candidate.BestQuestion?.FaqNumber ?? (c.Candidate.BestDocument.FaqNumber > 0 ? c.Candidate.BestDocument.FaqNumber : null),
            c.Candidate.BestDocument.Text)).ToList();

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
