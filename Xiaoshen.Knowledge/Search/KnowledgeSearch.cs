using System.Globalization;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Answers questions from the current index build. The build is swapped atomically when content changes; a call always
/// sees one whole build. Thread-safe; register as a singleton. Disposing it closes the current build.
/// </summary>
public sealed class KnowledgeSearch(TimeProvider timeProvider) : IDisposable
{
    private const int ClarifyCandidates = 3;
    private const double ClarifyScoreRatio = 0.5;
    private const double FullCoverage = 0.999;
    private const double AmbiguousMargin = 0.1;
    private const int BridgeCandidates = 3;
    private const double BridgeCoverage = 0.3;

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

    /// <summary>Ranks matters for <paramref name="query"/>, best first.</summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, SearchRequest? request = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = Current;
        var candidates = Rank(snapshot, snapshot.Preparer.Prepare(query));
        return Task.FromResult(ToHits(snapshot, candidates, request?.Top ?? 5));
    }

    /// <summary>Decides what to do with <paramref name="question"/>: answer, clarify, fall back, hand to a human, or chit-chat.</summary>
    public Task<KnowledgeAnswer> AskAsync(string question, SearchRequest? request = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Decide(Current, question, request ?? new SearchRequest()));
    }

    /// <summary>Disposes the current build.</summary>
    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Dispose();

    /// <summary>Makes <paramref name="snapshot"/> current; the previous build is disposed (Lucene keeps it open for searches still using it).</summary>
    internal void Swap(KnowledgeSnapshot snapshot) => Interlocked.Exchange(ref _current, snapshot)?.Dispose();

    internal KnowledgeSnapshot? CurrentSnapshot => Volatile.Read(ref _current);

    internal List<MatterCandidate> Rank(KnowledgeSnapshot snapshot, Analysis.PreparedText prepared)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
        return Ranker.Rank(snapshot, prepared, id => snapshot.Knowledge.Matters.TryGetValue(id, out var m) && m.IsInForce(today));
    }

    internal KnowledgeAnswer Decide(KnowledgeSnapshot snapshot, string question, SearchRequest request)
    {
        var prepared = snapshot.Preparer.Prepare(question);
        var intents = snapshot.Intents;
        var calibration = snapshot.Build.Calibration;
        var (chitchat, similarity) = intents.Chitchat(prepared.Normalized);
        var exactChitchat = chitchat is not null && similarity >= 0.99;

        // A request for a person is ranked on its topic alone, so the handoff can be routed to the right department;
        // empty messages and exact chit-chat need no search at all.
        var human = !exactChitchat && intents.IsHumanRequest(prepared);
        var searched = human ? snapshot.Preparer.Prepare(intents.WithoutHumanPhrases(prepared.Normalized)) : prepared;
        var candidates = prepared.Normalized.Length == 0 || exactChitchat ? [] : Rank(snapshot, searched);
        var hits = ToHits(snapshot, candidates, Math.Clamp(request.Top, 1, 20));
        var top = candidates.Count > 0 ? candidates[0] : null;
        var confidence = top is null ? 0 : calibration.Confidence(top.Features);
        var asked = intents.AskedSection(prepared.Normalized);
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

        if (chitchat is not null && confidence < calibration.AnswerThreshold)
        {
            return Chitchat(answer, chitchat, similarity);
        }

        if (intents.OtherPlace(prepared) is { } place
            && !(place.IsAbroad && top is not null && snapshot.Knowledge.Places.AbroadMatters.Contains(top.MatterId) && confidence >= calibration.AnswerThreshold))
        {
            return AboutOtherPlace(snapshot, answer, place, candidates);
        }

        var current = request.CurrentMatterId is { } id && snapshot.Knowledge.Matters.TryGetValue(id, out var m) ? m : null;
        if (current is not null && asked is { } followUp && (intents.IsBareFollowUp(prepared) || confidence < calibration.AnswerThreshold))
        {
            return Answered(answer, current, null, followUp, F($"follow-up on current matter asks {followUp}"));
        }

        if (top is not null && confidence >= calibration.AnswerThreshold && !IsAmbiguous(candidates))
        {
            var matter = snapshot.Knowledge.Matters[top.MatterId];
            if (matter.HumanOnly)
            {
                return answer with { Decision = Decision.Human, Reason = "matter is marked human-only" };
            }

            var (faq, section) = ChooseContent(matter, top, asked);
            return Answered(answer, matter, faq, section, F($"confidence {confidence:0.00} >= {calibration.AnswerThreshold:0.00}"));
        }

        var close = hits.Where(h => h.Score >= top!.Score * ClarifyScoreRatio).Take(ClarifyCandidates).ToList();
        if (top is not null && (confidence >= calibration.ClarifyThreshold || IsAmbiguous(candidates)) && close.Count >= 2)
        {
            return answer with
            {
                Decision = Decision.Clarify,
                Matters = close,
                Reason = IsAmbiguous(candidates)
                    ? F($"the question fits {close.Count} matters equally (confidence {confidence:0.00})")
                    : F($"confidence {confidence:0.00} between {calibration.ClarifyThreshold:0.00} and {calibration.AnswerThreshold:0.00}; {close.Count} close matters"),
            };
        }

        return answer with
        {
            Reason = top is null ? "nothing matched" : F($"confidence {confidence:0.00} < {calibration.ClarifyThreshold:0.00}"),
        };
    }

    // Said honestly, with the Shanghai matters that help from this side when the question is about one of them.
    private static KnowledgeAnswer AboutOtherPlace(KnowledgeSnapshot snapshot, KnowledgeAnswer answer, Places.PlaceMention place, List<MatterCandidate> candidates)
    {
        var lexicon = snapshot.Knowledge.Places;
        var offered = candidates.Take(BridgeCandidates)
            .Where(c => lexicon.Bridges.Contains(c.MatterId) && c.Features.MatterCoverage >= BridgeCoverage)
            .Select(c => c.MatterId)
            .ToHashSet(StringComparer.Ordinal);
        var hits = answer.Matters.Where(h => offered.Contains(h.MatterId)).ToList();
        var reply = (place.IsAbroad ? lexicon.ReplyAbroad : lexicon.Reply).Replace(Content.PlaceLexicon.PlacePlaceholder, place.Name, StringComparison.Ordinal);
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
    private static bool IsAmbiguous(List<MatterCandidate> candidates) =>
        candidates.Count > 1
        && candidates[1].Features.MatterCoverage >= FullCoverage
        && candidates[0].Features.MatterCoverage >= FullCoverage
        && candidates[0].Features.Margin < AmbiguousMargin;

    private static KnowledgeAnswer Chitchat(KnowledgeAnswer answer, ChitchatIntent intent, double similarity) =>
        answer with { Decision = Decision.Chitchat, Chitchat = intent, Reason = F($"chit-chat '{intent.Name}' similarity {similarity:0.00}") };

    private static KnowledgeAnswer Answered(KnowledgeAnswer answer, Matter matter, Faq? faq, SectionKind? section, string reason) =>
        answer with
        {
            Decision = Decision.Answer,
            Matter = matter,
            Faq = faq,
            Section = faq is null && section is { } kind && matter.Sections.TryGetValue(kind, out var s) ? s : null,
            Reason = reason,
        };

    // A question that asks about one section (材料, 多久) gets that section unless an FAQ matches it closely;
    // otherwise the best-matching FAQ, or the first FAQ (how to apply) when only the name matched.
    private static (Faq? Faq, SectionKind? Section) ChooseContent(Matter matter, MatterCandidate top, SectionKind? asked)
    {
        var best = top.BestDocument;
        var closeFaq = top.BestQuestion is { } q && top.Features.Precision >= 0.6 && best.Kind == DocumentKind.Question ? q : null;
        if (asked is { } section && closeFaq is null)
        {
            return (null, section);
        }

        return best.Kind switch
        {
            DocumentKind.Section when best.Section is { } kind => (null, kind),
            DocumentKind.Question or DocumentKind.Answer => (matter.Faqs[best.FaqNumber - 1], null),
            _ when top.BestQuestion is { } question && top.Features.MatterCoverage >= 0.5 => (matter.Faqs[question.FaqNumber - 1], null),
            _ => (matter.Faqs.Count > 0 ? matter.Faqs[0] : null, matter.Faqs.Count > 0 ? null : SectionKind.Process),
        };
    }

    private static IReadOnlyList<SearchHit> ToHits(KnowledgeSnapshot snapshot, List<MatterCandidate> candidates, int top) =>
        candidates.Take(top).Select(c => new SearchHit(
            c.MatterId,
            snapshot.Knowledge.Matters[c.MatterId].Name,
            c.Score,
            snapshot.Build.Calibration.Confidence(c.Features),
            c.BestQuestion?.FaqNumber ?? (c.BestDocument.FaqNumber > 0 ? c.BestDocument.FaqNumber : null),
            c.BestDocument.Text)).ToList();

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
