using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// The government topics that the editors listed as not in the catalogue (<c>out-of-scope.yaml</c>), read as phrasings the
/// way the matters' names and FAQ questions are: a question that one of those topics or phrasings covers better than any
/// single name, alias or question of the matter ranked first is a near-miss, refused rather than answered with the
/// neighbouring matter (残疾人补贴怎么申请 is the topic 残疾人补贴, not 企业吸纳就业补贴's 招残疾人或大龄失业人员有补贴吗).
/// The scope model learns from the same phrasings, but as one signal among many; this holds the moment an editor adds a
/// phrasing. Immutable and thread-safe; one per index build.
/// </summary>
internal sealed class OutOfScopeMatcher
{
    // A topic's phrasing must cover at least this share of the question's own bigrams (those besides its ways of asking),
    // each weighed by how rare it is among all phrasings.
    private const double MinCovered = 0.6;

    // …and this much more than the best single name, alias or FAQ question of the matter ranked first.
    private const double Lead = 0.15;

    // Fewer own bigrams than this, and the question says too little to be told apart (能办吗, 补贴).
    private const int MinBigrams = 2;

    private readonly List<(string Topic, HashSet<string> Bigrams)> _topics;
    private readonly Dictionary<string, List<IReadOnlySet<string>>> _matters;
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly IntentRecognizer _intents;

    public OutOfScopeMatcher(KnowledgeBase knowledge, IReadOnlyList<IndexedDocument> documents, TextPreparer preparer, IntentRecognizer intents)
    {
        _intents = intents;
        _topics = knowledge.OutOfScope
            .SelectMany(t => t.Phrasings.Prepend(t.Topic).Select(p => (t.Topic, Bigrams: preparer.Prepare(p).Bigrams.ToHashSet(StringComparer.Ordinal))))
            .Where(t => t.Bigrams.Count > 0)
            .ToList();
        var phrasings = documents.Where(d => d.Kind is DocumentKind.Name or DocumentKind.Question).ToList();
        _matters = phrasings.GroupBy(d => d.MatterId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Bigrams).ToList(), StringComparer.Ordinal);

        // How rare each bigram is among all phrasings, the topics' included: 上海 and 申请 say little of what is asked, 养犬
        // and 环评 much.
        var all = phrasings.Select(d => d.Bigrams).Concat(_topics.Select(t => (IReadOnlySet<string>)t.Bigrams)).ToList();
        foreach (var (bigram, count) in all.SelectMany(b => b).GroupBy(b => b, StringComparer.Ordinal).Select(g => (g.Key, g.Count())))
        {
            _weights[bigram] = Math.Log(1 + (all.Count / (double)count));
        }
    }

    /// <summary>
    /// The out-of-scope topic that <paramref name="question"/> is about rather than <paramref name="matterId"/>, with how
    /// much of the question each covers; null when none is that close. When the question names the matter
    /// (<paramref name="names"/>, as it writes them), only a topic phrasing that holds those names as well can take it: one
    /// narrower than the name (打车怎么开发票 of 开发票), not one beside it.
    /// </summary>
    public (string Topic, double Covered, double ByMatter)? Closest(PreparedText question, string matterId, IReadOnlyCollection<string> names)
    {
        if (_topics.Count == 0)
        {
            return null;
        }

        // The question's character pairs once its ways of asking are taken out (电话 of 电话多少, not 话多), those that some
        // phrasing uses: one that none uses can be covered by neither side.
        var text = _intents.MaskWaysOfAsking(question.Rewritten);
        var own = CharacterPairs(text).Where(_weights.ContainsKey).ToHashSet(StringComparer.Ordinal);
        if (own.Count < MinBigrams)
        {
            return null;
        }

        var total = own.Sum(Weight);
        var namePairs = names.SelectMany(CharacterPairs).ToList();
        var (topic, covered) = _topics.Where(t => namePairs.TrueForAll(t.Bigrams.Contains)).Select(t => (t.Topic, Covered: Share(own, t.Bigrams, total))).DefaultIfEmpty().MaxBy(t => t.Covered);
        if (topic is null || covered < MinCovered)
        {
            return null;
        }

        var byMatter = _matters.TryGetValue(matterId, out var phrasings) ? phrasings.Max(p => Share(own, p, total)) : 0;
        return covered - byMatter >= Lead ? (topic, covered, byMatter) : null;
    }

    private double Weight(string bigram) => _weights[bigram];

    // Each pair of adjacent letters or digits (not across a space or a mark).
    private static IEnumerable<string> CharacterPairs(string text) =>
        Enumerable.Range(0, Math.Max(0, text.Length - 1))
            .Where(i => char.IsLetterOrDigit(text[i]) && char.IsLetterOrDigit(text[i + 1]))
            .Select(i => text.Substring(i, 2));

    private double Share(HashSet<string> own, IReadOnlySet<string> phrasing, double total) =>
        own.Where(phrasing.Contains).Sum(Weight) / total;
}
