using System.Globalization;
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
/// about (多少钱 → 收费标准) adds to that section and to FAQs whose heading asks the same.</item>
/// <item>A question the editors wrote an FAQ for, nearly word for word, gets that FAQ.</item>
/// <item>A question made of the matter's name and a way of asking how (护照怎么办, a hot-matter button) gets the overview.
/// Name words that few FAQs repeat (挂失 of the alias 社保卡挂失) ask something, so 社保卡挂失 gets its FAQ.</item>
/// </list>
/// Immutable and thread-safe; one per index build.
/// </summary>
internal sealed class ContentChooser
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

    private const string CharacterPrefix = "c:";

    // A single character (查, 钱) says less than a bigram.
    private const double CharacterWeight = 0.5;

    private readonly Dictionary<string, MatterUnits> _matters;
    private readonly IntentRecognizer _intents;
    private readonly MatterMentions _mentions;
    private readonly HashSet<string> _overviewWords;
    private readonly TextPreparer _preparer;

    public ContentChooser(KnowledgeBase knowledge, IReadOnlyList<IndexedDocument> documents, IntentRecognizer intents, MatterMentions mentions, TextPreparer preparer)
    {
        _intents = intents;
        _mentions = mentions;
        _preparer = preparer;
        var overview = knowledge.Lexicon.OverviewPhrases.Select(preparer.Prepare).ToList();
        _overviewWords = overview.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);
        var byMatter = documents.GroupBy(d => d.MatterId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _matters = knowledge.Matters.Values.ToDictionary(m => m.Id, m => new MatterUnits(m, byMatter.GetValueOrDefault(m.Id) ?? [], this), StringComparer.Ordinal);
    }

    /// <summary>The section the question asks about, ignoring cue words inside a matter's name (…租赁费用 is not about fees).</summary>
    public SectionKind? AskedSection(PreparedText question) => _intents.AskedSection(_mentions.MaskCueNames(question.Normalized));

    /// <summary>The paragraph of <paramref name="matter"/> that answers <paramref name="question"/> (read as typed).</summary>
    public ContentChoice Choose(Matter matter, PreparedText question)
    {
        question = _preparer.Prepare(question.Normalized);
        var units = _matters[matter.Id];
        var compact = Compact(question.Normalized);
        if (units.Titles.TryGetValue(compact, out var titled))
        {
            return new ContentChoice(null, titled, false, F($"asks for the section {titled} by its title"));
        }

        if (units.Names.Contains(compact))
        {
            return Overview(units, "the question is the matter's name");
        }

        // An FAQ the editors wrote for this very question (退休了公积金怎么取 → “退休了公积金怎么取出来？”) answers it.
        if (units.SameQuestion(compact) is { } same)
        {
            return new ContentChoice(same.Faq, null, false, F($"FAQ #{same.Faq.Number} is this very question"));
        }

        // 那要带什么材料, 多久能好: asked about the section as a whole, so the section answers, not an FAQ that happens to ask it.
        var asked = AskedSection(question);
        if (asked is { } only && units.Matter.Sections.ContainsKey(only) && _intents.IsBareFollowUp(question))
        {
            return new ContentChoice(null, only, false, F($"a bare follow-up asks the section {only}"));
        }

        var nameOnly = question.Words.All(w => units.Identifying.Contains(w) || _overviewWords.Contains(w)) || units.Aliases.Contains(compact);
        if ((asked is null or SectionKind.Process) && nameOnly)
        {
            return Overview(units, "names the matter and asks nothing narrower");
        }

        var terms = Terms(question).Where(t => !units.NameOnly.Contains(t)).ToArray();
        return Best(units, terms, asked) ?? Overview(units, "the matter has no FAQ or section");
    }

    private static ContentChoice? Best(MatterUnits units, string[] terms, SectionKind? asked)
    {
        // The constant stands for what the question asks beyond its words: words every FAQ repeats cover none of it.
        var total = terms.Sum(units.Weight) + AskWeight;
        double Covered(IReadOnlySet<string> unit) => terms.Where(unit.Contains).Sum(units.Weight) / total;

        // Sections first: an FAQ must do strictly better than the section asked about (那要钱吗 → 收费标准, not an FAQ
        // that merely also asks 多少钱).
        ContentChoice? best = null;
        var bestScore = double.MinValue;
        foreach (var (kind, body) in units.Sections)
        {
            var lexical = SectionWeight * Covered(body);
            var score = lexical + (kind == asked ? IntentBonus : 0);
            if (score > bestScore)
            {
                (best, bestScore) = (new ContentChoice(null, kind, false, F($"section {kind} (asked {asked?.ToString() ?? "none"}, covers {lexical:0.00})")), score);
            }
        }

        foreach (var faq in units.Faqs)
        {
            var lexical = Math.Max(faq.Phrasings.Max(Covered), AnswerWeight * Covered(faq.Answer));
            var score = lexical + (asked is { } kind && faq.Intents.Contains(kind) ? IntentBonus : 0) - (OrderPrior * faq.Faq.Number);
            if (score > bestScore)
            {
                (best, bestScore) = (new ContentChoice(faq.Faq, null, false, F($"FAQ #{faq.Faq.Number} covers {lexical:0.00}")), score);
            }
        }

        return best;
    }

    // Bigrams say most; one-character words (查, 补, 续) have none, so they count as characters. Ways of asking how and the
    // city's own name (怎么办理, 上海) say nothing about which paragraph; a cue word alone (钱 of 要钱吗) is the intent,
    // scored on its own.
    private IEnumerable<string> Terms(PreparedText question)
    {
        var words = question.Words.Where(w => !_overviewWords.Contains(w)).ToList();
        return _preparer.BigramsOf(words)
            .Concat(words.Where(w => w.Length == 1 && char.IsLetter(w[0]) && !_intents.IsCueTerm(w)).Select(w => CharacterPrefix + w))
            .Distinct(StringComparer.Ordinal);
    }

    private static ContentChoice Overview(MatterUnits units, string why) =>
        units.Matter.Sections.ContainsKey(SectionKind.Conditions) || units.Matter.Sections.ContainsKey(SectionKind.Process)
            ? new ContentChoice(null, null, true, why)
            : new ContentChoice(units.Matter.Faqs.FirstOrDefault(), null, false, why);

    private static string Compact(string text) => new(text.Where(char.IsLetterOrDigit).ToArray());

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

        public MatterUnits(Matter matter, List<IndexedDocument> documents, ContentChooser chooser)
        {
            Matter = matter;
            Faqs = matter.Faqs.Select(faq => new FaqUnit(
                faq,
                documents.Where(d => d.Kind == DocumentKind.Question && d.FaqNumber == faq.Number).Select(d => (IReadOnlySet<string>)WithCharacters(d.Bigrams)).DefaultIfEmpty(new HashSet<string>()).ToArray(),
                WithCharacters(documents.FirstOrDefault(d => d.Kind == DocumentKind.Answer && d.FaqNumber == faq.Number)?.Bigrams ?? new HashSet<string>()),
                chooser._intents.AskedSections(TextNormalizer.Normalize(faq.Question)))).ToList();
            Sections = documents.Where(d => d.Kind == DocumentKind.Section && d.Section is not null)
                .ToDictionary(d => d.Section!.Value, d => (IReadOnlySet<string>)WithCharacters(d.Bigrams));
            Names = MatterMentions.OfficialNames(matter).Select(n => Compact(TextNormalizer.Normalize(n))).ToHashSet(StringComparer.Ordinal);
            Aliases = matter.Aliases.Select(a => Compact(TextNormalizer.Normalize(a))).ToHashSet(StringComparer.Ordinal);
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
            Identifying = MatterMentions.NamesOf(matter).SelectMany(n => chooser._preparer.Prepare(n).Words).Distinct(StringComparer.Ordinal)
                .Where(w => w.Length == 1 ? official.Contains(w) : Faqs.Count(f => f.Phrasings.Any(p => Contains(p, w))) >= IdentifyingShare * Faqs.Count)
                .ToHashSet(StringComparer.Ordinal);
        }

        public Matter Matter { get; }

        public List<FaqUnit> Faqs { get; }

        public Dictionary<SectionKind, IReadOnlySet<string>> Sections { get; }

        /// <summary>The official name, and without its bracketed part, compacted: a question that is exactly this wants the overview.</summary>
        public HashSet<string> Names { get; }

        /// <summary>The aliases, compacted.</summary>
        public HashSet<string> Aliases { get; }

        /// <summary>Section headings (申请材料…), as the section buttons send them.</summary>
        public Dictionary<string, SectionKind> Titles { get; }

        /// <summary>Bigrams of names and aliases found in no FAQ or section: they say which matter, not what is asked.</summary>
        public HashSet<string> NameOnly { get; }

        /// <summary>Words of the names and aliases that identify the matter rather than ask about it.</summary>
        public HashSet<string> Identifying { get; }

        /// <summary>The FAQ one of whose phrasings is, character pair for character pair, nearly the question.</summary>
        public FaqUnit? SameQuestion(string compact)
        {
            var question = CharacterPairs(compact);
            return question.Count == 0 ? null : Faqs.FirstOrDefault(f => f.Texts.Any(t => Dice(question, t) >= SameQuestionSimilarity));
        }

        public double Weight(string term) =>
            (_weights.TryGetValue(term, out var weight) ? weight : _unseenWeight) * (term.StartsWith(CharacterPrefix, StringComparison.Ordinal) ? CharacterWeight : 1);

        private static double Dice(HashSet<string> a, IReadOnlySet<string> b) => 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

        private static bool Contains(IReadOnlySet<string> phrasing, string word) =>
            Enumerable.Range(0, word.Length - 1).All(i => phrasing.Contains(word.Substring(i, 2)));

        private static double Idf(int units, int count) => Math.Log(1 + ((units - count + 0.5) / (count + 0.5)));
    }

    /// <summary>An FAQ's question phrasings (heading and 也问), its answer, and the sections its heading asks about.</summary>
    private sealed record FaqUnit(Faq Faq, IReadOnlySet<string>[] Phrasings, IReadOnlySet<string> Answer, IReadOnlySet<SectionKind> Intents)
    {
        /// <summary>The heading and 也问 lines as sets of character pairs, compacted.</summary>
        public IReadOnlySet<string>[] Texts { get; } = [.. new[] { Faq.Question }.Concat(Faq.Alternatives).Select(t => CharacterPairs(Compact(TextNormalizer.Normalize(t))))];
    }
}
