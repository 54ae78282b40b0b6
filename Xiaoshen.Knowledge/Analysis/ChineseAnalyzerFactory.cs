using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// The analyzers used for both indexing and querying: SmartCn words (with our filler words as stop words) on
/// <see cref="IndexFields.Words"/>, CJK bigrams on <see cref="IndexFields.Bigrams"/>. Analyzers are thread-safe.
/// </summary>
internal static class ChineseAnalyzerFactory
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet StopWords = BuildStopWords();

    /// <summary>SmartCn with punctuation and filler words removed.</summary>
    public static Analyzer CreateWordAnalyzer() => new SmartChineseAnalyzer(Version, StopWords);

    /// <summary>CJK bigrams (single characters stay unigrams), no stop words: input is already filtered.</summary>
    public static Analyzer CreateBigramAnalyzer() => new CJKAnalyzer(Version, CharArraySet.Empty);

    /// <summary>Routes each field to its analyzer.</summary>
    public static Analyzer CreatePerField() => new PerFieldAnalyzerWrapper(
        CreateWordAnalyzer(),
        new Dictionary<string, Analyzer> { [IndexFields.Bigrams] = CreateBigramAnalyzer() });

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> and returns the terms.</summary>
    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private static CharArraySet BuildStopWords()
    {
        var set = new CharArraySet(Version, SmartChineseAnalyzer.DefaultStopSet, ignoreCase: true);
        foreach (var word in EmbeddedLists.Read("stopwords.txt"))
        {
            set.Add(word);
        }

        return set.AsReadOnly();
    }
}
