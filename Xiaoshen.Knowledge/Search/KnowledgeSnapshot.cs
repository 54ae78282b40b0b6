using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Places;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// One immutable, servable build: the content, the opened index, per-document metadata and the calibration.
/// Swapped atomically by <see cref="KnowledgeSearch"/>; disposing it closes the index once in-flight searches release it.
/// </summary>
internal sealed class KnowledgeSnapshot : IDisposable
{
    private readonly Lucene.Net.Store.Directory _directory;
    private readonly Dictionary<string, int> _documentFrequency;
    private readonly int _documentCount;

    private KnowledgeSnapshot(KnowledgeBase knowledge, IndexBuild build, string folder, Lucene.Net.Store.Directory directory)
    {
        Knowledge = knowledge;
        Build = build;
        Folder = folder;
        _directory = directory;
        Preparer = new TextPreparer(knowledge.Synonyms);
        Places = new PlaceFinder(knowledge.Places with { ShortForms = WithOtherPlaces(knowledge) }, ContentTexts(knowledge));
        Intents = new IntentRecognizer(knowledge.Lexicon, Preparer, Places);
        Searcher = new SearcherManager(directory, new BM25SimilarityFactory());
        (Documents, _documentFrequency) = LoadDocuments();
        _documentCount = Documents.Count;
    }

    public KnowledgeBase Knowledge { get; }

    public IndexBuild Build { get; }

    public string Folder { get; }

    public TextPreparer Preparer { get; }

    public IntentRecognizer Intents { get; }

    public PlaceFinder Places { get; }

    public SearcherManager Searcher { get; }

    public IReadOnlyList<IndexedDocument> Documents { get; }

    public static KnowledgeSnapshot Open(KnowledgeBase knowledge, IndexBuild build, string folder) =>
        new(knowledge, build, folder, Lucene.Net.Store.FSDirectory.Open(folder));

    /// <summary>The same content and index with another calibration (used while training).</summary>
    public KnowledgeSnapshot WithCalibration(Calibration calibration) =>
        new(Knowledge, Build with { Calibration = calibration }, Folder, Lucene.Net.Store.FSDirectory.Open(Folder));

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

    public double Idf(string term) =>
        Math.Log(1 + (_documentCount / (_documentFrequency.GetValueOrDefault(term) + 0.5)));

    public void Dispose()
    {
        Searcher.Dispose();
        Preparer.Dispose();
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
