using Lucene.Net.Index;
using Lucene.Net.Search;
using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Ranks matters for a prepared question: one Lucene query over SmartCn words and CJK bigrams, hits weighted by document
/// kind and folded per matter, then the confidence features computed from in-memory bigram sets. Thread-safe.
/// </summary>
internal static class Ranker
{
    // Names and questions say what a matter is; answers and sections only mention things.
    public static readonly IReadOnlyDictionary<DocumentKind, double> KindWeights = new Dictionary<DocumentKind, double>
    {
        [DocumentKind.Name] = 1.0,
        [DocumentKind.Question] = 1.0,
        [DocumentKind.Answer] = 0.45,
        [DocumentKind.Section] = 0.35,
    };

    private const int HitsPerQuestion = 80;
    private const int FeatureCandidates = 10;
    private const int MaxClauses = 120;
    private const float BigramBoost = 0.6f;

    // Section cue words (材料, 多久) appear in every matter; they should not decide which matter is meant.
    private const float CueBoost = 0.15f;

    // Words that only appear in a ruled-out clause (不是居住证那个…) keep a little weight as context.
    private const float WeakBoost = 0.25f;

    // A matter matched by several of its phrasings is likelier than one matched by a single lucky phrase.
    private const double SecondDocumentWeight = 0.7;

    /// <summary>
    /// Ranks matters for <paramref name="question"/>. Terms in <paramref name="weakTerms"/> (the words of a clause that rules
    /// something out) still give context but weigh little.
    /// </summary>
    public static List<MatterCandidate> Rank(KnowledgeSnapshot snapshot, PreparedText question, Func<string, bool> isInForce, IReadOnlySet<string>? weakTerms = null)
    {
        var candidates = new List<MatterCandidate>();
        if (question.IsEmpty)
        {
            return candidates;
        }

        var query = BuildQuery(question, snapshot.Intents, weakTerms ?? EmptySet);
        var searcher = snapshot.Searcher.Acquire();
        TopDocs top;
        try
        {
            top = searcher.Search(query, HitsPerQuestion);
        }
        finally
        {
            snapshot.Searcher.Release(searcher);
        }

        var perMatter = new Dictionary<string, List<(IndexedDocument Doc, double Score)>>(StringComparer.Ordinal);
        foreach (var hit in top.ScoreDocs)
        {
            var doc = snapshot.Documents[hit.Doc];
            if (!isInForce(doc.MatterId))
            {
                continue;
            }

            if (!perMatter.TryGetValue(doc.MatterId, out var list))
            {
                perMatter[doc.MatterId] = list = [];
            }

            list.Add((doc, hit.Score * KindWeights[doc.Kind]));
        }

        var terms = question.Bigrams.Distinct(StringComparer.Ordinal).ToArray();
        var ordered = perMatter
            .Select(p => (MatterId: p.Key, Docs: p.Value.OrderByDescending(d => d.Score).ToList()))
            .Select(p => (p.MatterId, p.Docs, Score: p.Docs[0].Score + (p.Docs.Count > 1 ? SecondDocumentWeight * p.Docs[1].Score : 0)))
            .OrderByDescending(p => p.Score)
            .ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (matterId, docs, score) = ordered[i];
            var best = docs[0];
            var next = i + 1 < ordered.Count ? ordered[i + 1].Score : 0;

            // The top matter's margin is its lead over the second; the others get their (negative) distance to the top.
            var margin = i == 0 ? 1 - (next / score) : (score / ordered[0].Score) - 1;
            if (i >= FeatureCandidates)
            {
                // Far down the list nobody reads the confidence; only the order matters.
                var first = docs.FirstOrDefault(d => d.Doc.Kind == DocumentKind.Question).Doc;
                candidates.Add(new MatterCandidate(matterId, score, best.Doc, first, new RankingFeatures(0, 0, 0, margin, Math.Log(1 + score))));
                continue;
            }

            var features = new RankingFeatures(
                Coverage: snapshot.Coverage(terms, best.Doc.Bigrams.Contains),
                MatterCoverage: snapshot.Coverage(terms, t => docs.Exists(d => d.Doc.Kind is DocumentKind.Name or DocumentKind.Question && d.Doc.Bigrams.Contains(t))),
                Precision: Precision(terms, best.Doc.Bigrams),
                Margin: margin,
                LogScore: Math.Log(1 + score));

            // The FAQ to answer is the phrasing that covers the question best, not the one with the luckiest score.
            IndexedDocument? bestQuestion = null;
            var bestCoverage = -1.0;
            foreach (var (doc, _) in docs)
            {
                if (doc.Kind == DocumentKind.Question && snapshot.Coverage(terms, doc.Bigrams.Contains) is var coverage && coverage > bestCoverage)
                {
                    (bestQuestion, bestCoverage) = (doc, coverage);
                }
            }

            candidates.Add(new MatterCandidate(matterId, score, best.Doc, bestQuestion, features));
        }

        return candidates;
    }

    private static double Precision(string[] terms, IReadOnlySet<string> doc)
    {
        if (doc.Count == 0)
        {
            return 0;
        }

        var shared = terms.Count(doc.Contains);
        return Math.Min(1.0, (double)shared / doc.Count);
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    private static float Boost(string term, IntentRecognizer intents, IReadOnlySet<string> weakTerms) =>
        (intents.IsCueTerm(term) ? CueBoost : 1f) * (weakTerms.Contains(term) ? WeakBoost : 1f);

    private static BooleanQuery BuildQuery(PreparedText question, IntentRecognizer intents, IReadOnlySet<string> weakTerms)
    {
        var query = new BooleanQuery(disableCoord: false);
        var clauses = 0;
        foreach (var word in question.Words.Distinct(StringComparer.Ordinal))
        {
            if (clauses++ >= MaxClauses)
            {
                break;
            }

            query.Add(new TermQuery(new Term(IndexFields.Words, word)) { Boost = Boost(word, intents, weakTerms) }, Occur.SHOULD);
        }

        foreach (var bigram in question.Bigrams.Distinct(StringComparer.Ordinal))
        {
            if (clauses++ >= MaxClauses)
            {
                break;
            }

            query.Add(new TermQuery(new Term(IndexFields.Bigrams, bigram)) { Boost = BigramBoost * Boost(bigram, intents, weakTerms) }, Occur.SHOULD);
        }

        return query;
    }
}
