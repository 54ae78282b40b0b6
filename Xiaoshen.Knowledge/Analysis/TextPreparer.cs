using System.Collections.Frozen;
using Lucene.Net.Analysis;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// Turns raw text (a question or content) into what the index sees: normalised, synonyms applied, segmented by SmartCn
/// with filler words dropped, and the remaining words joined for the bigram field. A preparer for questions (given a
/// <see cref="TypoCorrector"/>) also corrects homophone typos against the content's vocabulary and reads an English question
/// in the content's Chinese (<see cref="PreparedText.Corrected"/>); content is prepared without. Thread-safe.
/// </summary>
internal sealed class TextPreparer(IEnumerable<SynonymRule> synonyms, TypoCorrector? corrector = null) : IDisposable
{
    private static readonly FrozenSet<string> EnglishFraming = EmbeddedLists.Read("english-framing.txt").ToFrozenSet(StringComparer.Ordinal);

    private readonly SynonymMapper _synonyms = new(synonyms);
    private readonly TypoCorrector _corrector = corrector ?? TypoCorrector.None;
    private readonly bool _forQuestions = corrector is not null;
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
        return new PreparedText(normalized, _forQuestions ? InChinese(corrected) : corrected, rewritten, words, joined, bigrams);
    }

    /// <summary>
    /// The text with its English terms put in the content's Chinese (materials → 材料, how long → 多久) and its English filler
    /// words left out (what, do, I): the ways of asking and the section cues are Chinese, and so read an English question
    /// too (what materials do I need → 材料). Chinese text is returned as it is.
    /// </summary>
    private string InChinese(string text)
    {
        if (!text.Any(char.IsAsciiLetter))
        {
            return text;
        }

        var translated = _synonyms.Rewrite(text, latinOnly: true);
        var spans = WordSpans(translated);
        var builder = new System.Text.StringBuilder(translated.Length);
        var i = 0;
        while (i < translated.Length)
        {
            var end = i;
            while (end < translated.Length && IsWordChar(translated[end]))
            {
                end++;
            }

            if (end == i)
            {
                builder.Append(translated[i++]);
                continue;
            }

            // A Latin word that no SmartCn word covers is filler (the analyzer's stop words); digits are never filler. So are
            // the words that only frame a question (take, get), and the article a before a space (a work permit), which the
            // analyzer keeps for A类.
            var (start, word) = (i, translated[i..end]);
            var filler = (word.Any(char.IsAsciiLetter) && !word.Any(char.IsAsciiDigit) && !spans.Any(s => s.Start < end && s.End > start))
                || EnglishFraming.Contains(word) || (word is "a" && end < translated.Length && translated[end] == ' ');
            if (!filler)
            {
                builder.Append(word);
            }

            i = end;
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));

        static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '\'';
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
