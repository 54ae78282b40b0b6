using Lucene.Net.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// Turns raw text (a question or content) into what the index sees: normalised, synonyms applied, segmented by SmartCn
/// with filler words dropped, and the remaining words joined for the bigram field. A preparer for questions also corrects
/// homophone typos against the content's vocabulary (<see cref="TypoCorrector"/>); content is prepared without. Thread-safe.
/// </summary>
internal sealed class TextPreparer(IEnumerable<SynonymRule> synonyms, TypoCorrector? corrector = null) : IDisposable
{
    private readonly SynonymMapper _synonyms = new(synonyms);
    private readonly TypoCorrector _corrector = corrector ?? TypoCorrector.None;
    private readonly Analyzer _words = ChineseAnalyzerFactory.CreateWordAnalyzer();
    private readonly Analyzer _bigrams = ChineseAnalyzerFactory.CreateBigramAnalyzer();

    public PreparedText Prepare(string? raw)
    {
        var normalized = TextNormalizer.Normalize(raw);
        var corrected = _corrector.Correct(normalized, WordSpans);
        var rewritten = _synonyms.Rewrite(corrected);
        var words = ChineseAnalyzerFactory.Terms(_words, IndexFields.Words, rewritten);
        var joined = Join(words);
        var bigrams = ChineseAnalyzerFactory.Terms(_bigrams, IndexFields.Bigrams, joined);
        return new PreparedText(normalized, corrected, rewritten, words, joined, bigrams);
    }

    /// <summary>Offsets in <paramref name="normalized"/> where a SmartCn word starts or ends.</summary>
    public IReadOnlySet<int> WordBoundaries(string normalized) =>
        WordSpans(normalized).SelectMany(span => (int[])[span.Start, span.End]).ToHashSet();

    /// <summary>The SmartCn words of <paramref name="normalized"/> without filler, in order, as offsets.</summary>
    public List<WordSpan> WordSpans(string normalized)
    {
        var spans = new List<WordSpan>();
        using var stream = _words.GetTokenStream(IndexFields.Words, normalized);
        var offsets = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            spans.Add(new WordSpan(offsets.StartOffset, offsets.EndOffset));
        }

        stream.End();
        return spans;
    }

    /// <summary>The bigram terms of already prepared <paramref name="words"/>, joined as the index joins them.</summary>
    public List<string> BigramsOf(List<string> words) => ChineseAnalyzerFactory.Terms(_bigrams, IndexFields.Bigrams, Join(words));

    public void Dispose()
    {
        _words.Dispose();
        _bigrams.Dispose();
    }

    // Chinese words are joined without spaces so bigrams also span word boundaries (SmartCn splits the same phrase
    // differently in different contexts); Latin words and numbers keep a space so they stay separate tokens.
    private static string Join(List<string> words)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var word in words)
        {
            if (builder.Length > 0 && (char.IsAsciiLetterOrDigit(word[0]) || char.IsAsciiLetterOrDigit(builder[^1])))
            {
                builder.Append(' ');
            }

            builder.Append(word);
        }

        return builder.ToString();
    }
}
