using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Learning;
using Xiaoshen.Knowledge.Places;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// One immutable, servable build: the content, the opened index, per-document metadata, the trained models and the
/// calibration. Swapped atomically by <see cref="KnowledgeSearch"/>; disposing it closes the index once in-flight
/// searches release it.
/// </summary>
internal sealed class KnowledgeSnapshot : IDisposable
{
    private readonly Lucene.Net.Store.Directory _directory;
    private readonly Dictionary<string, int> _documentFrequency;
    private readonly Dictionary<string, IndexedDocument> _nameDocuments;
    private readonly int _documentCount;
    private readonly TextPreparer _typedPreparer;

    private KnowledgeSnapshot(KnowledgeBase knowledge, IndexBuild build, string folder, Lucene.Net.Store.Directory directory, QuestionModels? models)
    {
        Knowledge = knowledge;
        Build = build;
        Folder = folder;
        Models = models;
        _directory = directory;
        Searcher = new SearcherManager(directory, new BM25SimilarityFactory());
        (Documents, _documentFrequency) = LoadDocuments();
        _documentCount = Documents.Count;
        _nameDocuments = Documents.Where(d => d.Kind == DocumentKind.Name).GroupBy(d => d.MatterId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // Known bigrams: as indexed (filler dropped, synonyms applied) and as the editors wrote them (filler and the words
        // that synonyms replace included), so 在哪, 怎么 and 低保 are never taken for typos. The words a typo may be corrected
        // to: the indexed ones, and the short forms of synonyms.txt, which the index never holds because they are rewritten
        // to their canonical term (低保, 个税, 驾照): 低宝 and 个说 are typos of these.
        var indexed = IndexedWords();
        var synonymTerms = knowledge.Synonyms.SelectMany(s => s.From.Append(s.To)).ToList();
        Corrector = new TypoCorrector(
            indexed.Concat(ShortForms(synonymTerms, indexed)),
            _documentFrequency.Keys.Concat(TypoCorrector.HanBigrams(ContentTexts(knowledge).Concat(synonymTerms))),
            GeneralDictionary.Words);
        Preparer = new TextPreparer(knowledge.Synonyms, Corrector);
        Places = new PlaceFinder(
            knowledge.Places with { ShortForms = WithOtherPlaces(knowledge) },
            ContentTexts(knowledge),
            knowledge.Matters.Values.SelectMany(m => m.Aliases.Append(m.Name)));
        Intents = new IntentRecognizer(knowledge.Lexicon, Preparer, Places);
        Mentions = new MatterMentions(knowledge, Preparer, Intents);
        // The chooser prepares its content and cues without the typo corrector, and reads a question as corrected
        // (PreparedText.Corrected). It read questions as typed after the corrector's rewrites of words it did not know (保租房,
        // 无房) cost right paragraphs; since the corrector knows every character pair of the content, stop 61 measured the
        // corrected reading: labelled section lines unchanged (958), and on 1,381 dev questions with one homophone typo the
        // paragraphs that differ from the plain question's fell from 279 to 120.
        _typedPreparer = new TextPreparer(knowledge.Synonyms);
        Content = new ContentChooser(knowledge, Documents, Intents, Mentions, _typedPreparer);
        FollowUps = new FollowUpPolicy(Mentions, Content, Intents);
        OutOfScope = new OutOfScopeMatcher(knowledge, Documents, Preparer, Intents);
    }

    private KnowledgeSnapshot(KnowledgeSnapshot source, IndexBuild build, QuestionModels? models)
    {
        Knowledge = source.Knowledge;
        Build = build;
        Folder = source.Folder;
        Models = models;
        _directory = source._directory;
        Searcher = source.Searcher;
        (Documents, _documentFrequency) = (source.Documents, source._documentFrequency);
        _documentCount = source._documentCount;
        _nameDocuments = source._nameDocuments;
        Corrector = source.Corrector;
        Preparer = source.Preparer;
        Places = source.Places;
        Intents = source.Intents;
        Mentions = source.Mentions;
        _typedPreparer = source._typedPreparer;
        Content = source.Content;
        FollowUps = source.FollowUps;
        OutOfScope = source.OutOfScope;
    }

    public KnowledgeBase Knowledge { get; }

    public IndexBuild Build { get; }

    public string Folder { get; }

    /// <summary>Prepares questions: normalisation, homophone typos, synonyms, SmartCn, bigrams.</summary>
    public TextPreparer Preparer { get; }

    public TypoCorrector Corrector { get; }

    public IntentRecognizer Intents { get; }

    /// <summary>Where a question names a matter by its names or aliases.</summary>
    public MatterMentions Mentions { get; }

    public PlaceFinder Places { get; }

    /// <summary>The trained matter and scope models; null for a build made without them.</summary>
    public QuestionModels? Models { get; }

    public SearcherManager Searcher { get; }

    public IReadOnlyList<IndexedDocument> Documents { get; }

    /// <summary>Chooses the FAQ, section or overview within an answered matter.</summary>
    public ContentChooser Content { get; }

    /// <summary>Decides questions asked while a conversation is about a matter.</summary>
    public FollowUpPolicy FollowUps { get; }

    /// <summary>Finds questions about the government topics the editors listed as not in the catalogue.</summary>
    public OutOfScopeMatcher OutOfScope { get; }

    /// <summary>Opens a stored build with the models stored beside it.</summary>
    public static KnowledgeSnapshot Open(KnowledgeBase knowledge, IndexBuild build, string folder) =>
        new(knowledge, build, folder, Lucene.Net.Store.FSDirectory.Open(folder), QuestionModels.Load(folder));

    /// <summary>
    /// The same content and index with other models and calibration (the trained build): it takes over this snapshot's
    /// opened index and analysis rather than reading them again, so dispose it and not this one.
    /// </summary>
    public KnowledgeSnapshot With(Calibration calibration, QuestionModels? models) => new(this, Build with { Calibration = calibration }, models);

    /// <summary>A candidate for a matter found only by the matter model: its name document and no Lucene evidence.</summary>
    public MatterCandidate? NameCandidate(string matterId) =>
        _nameDocuments.TryGetValue(matterId, out var name) ? new MatterCandidate(matterId, 0, name, null, new RankingFeatures(0, 0, 0, 0, 0)) : null;

    /// <summary>Share of the question's idf-weighted bigrams present in <paramref name="document"/>; unknown bigrams weigh most.</summary>
    public double Coverage(IReadOnlyList<string> terms, Func<string, bool> document)
    {
        double total = 0, found = 0;
        foreach (var term in terms)
        {
            var weight = Idf(term);
            total += weight;
            if (document(term))
            {
                found += weight;
            }
        }

        return total == 0 ? 0 : found / total;
    }

    /// <summary>Share of the question's idf-weighted bigrams that occur anywhere in the content (0 for a question in other words).</summary>
    public double Known(IReadOnlyList<string> terms) => Coverage(terms, t => _documentFrequency.ContainsKey(t));

    public double Idf(string term) =>
        Math.Log(1 + (_documentCount / (_documentFrequency.GetValueOrDefault(term) + 0.5)));

    public void Dispose()
    {
        Searcher.Dispose();
        Preparer.Dispose();
        _typedPreparer.Dispose();
        _directory.Dispose();
    }

    // chitchat.yaml's older other_places list still counts, as short forms naming themselves.
    private static Dictionary<string, string> WithOtherPlaces(KnowledgeBase knowledge)
    {
        var forms = new Dictionary<string, string>(knowledge.Places.ShortForms, StringComparer.Ordinal);
        foreach (var place in knowledge.Lexicon.OtherPlaces)
        {
            forms.TryAdd(place, place);
        }

        return forms;
    }

    private static IEnumerable<string> ContentTexts(KnowledgeBase knowledge) =>
        knowledge.Matters.Values.SelectMany(m => m.Aliases.Append(m.Name)
            .Concat(m.Faqs.SelectMany(f => f.Alternatives.Append(f.Question).Append(f.Answer)))
            .Concat(m.Sections.Values.Select(s => s.Markdown)));

    // The terms of synonyms.txt that hold no indexed word, as words a typo may be corrected to. Not a phrase made of content
    // words (取公积金, 怎么提取): 去公积金中心 sounds like 取公积金 and is no typo. They count least, so an indexed word that
    // sounds the same wins; a typo listed there (身份正) sounds like its correction and is rewritten to it.
    private static IEnumerable<(string Word, int Frequency)> ShortForms(IEnumerable<string> synonymTerms, List<(string Word, int Frequency)> indexed)
    {
        var words = indexed.Select(w => w.Word).Where(w => w.Length > 1).ToHashSet(StringComparer.Ordinal);
        bool HoldsAWord(string term) =>
            Enumerable.Range(0, term.Length).Any(start => Enumerable.Range(2, Math.Max(0, term.Length - start - 1)).Any(length => words.Contains(term.Substring(start, length))));
        return synonymTerms.Select(TextNormalizer.Normalize).Where(term => !HoldsAWord(term)).Distinct(StringComparer.Ordinal).Select(term => (term, 1));
    }

    // The SmartCn words of the index (after synonyms) with their document frequencies: the typo corrector's vocabulary.
    private List<(string Word, int Frequency)> IndexedWords()
    {
        var words = new List<(string, int)>();
        var searcher = Searcher.Acquire();
        try
        {
            var terms = MultiFields.GetTerms(searcher.IndexReader, IndexFields.Words);
            var iterator = terms?.GetEnumerator();
            while (iterator is not null && iterator.MoveNext())
            {
                words.Add((iterator.Term.Utf8ToString(), iterator.DocFreq));
            }
        }
        finally
        {
            Searcher.Release(searcher);
        }

        return words;
    }

    private (List<IndexedDocument> Documents, Dictionary<string, int> Frequency) LoadDocuments()
    {
        var documents = new List<IndexedDocument>();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var searcher = Searcher.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            for (var id = 0; id < reader.MaxDoc; id++)
            {
                var stored = reader.Document(id);
                var bigrams = new HashSet<string>(StringComparer.Ordinal);
                var terms = reader.GetTermVector(id, IndexFields.Bigrams)?.GetEnumerator();
                while (terms is not null && terms.MoveNext())
                {
                    var term = terms.Term.Utf8ToString();
                    bigrams.Add(term);
                    frequency[term] = frequency.GetValueOrDefault(term) + 1;
                }

                var section = stored.Get(IndexFields.Section);
                documents.Add(new IndexedDocument(
                    stored.Get(IndexFields.MatterId),
                    Enum.Parse<DocumentKind>(stored.Get(IndexFields.Kind)),
                    int.Parse(stored.Get(IndexFields.FaqNumber), System.Globalization.CultureInfo.InvariantCulture),
                    string.IsNullOrEmpty(section) ? null : Enum.Parse<SectionKind>(section),
                    stored.Get(IndexFields.Text) ?? string.Empty,
                    bigrams));
            }
        }
        finally
        {
            Searcher.Release(searcher);
        }

        return (documents, frequency);
    }

    private sealed class BM25SimilarityFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
