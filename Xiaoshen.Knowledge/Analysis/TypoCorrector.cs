using System.Collections.Frozen;
using System.Text;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// Corrects homophone typos (退修 → 退休, 社宝 → 社保, 异地就医被案 → 备案) against the content's own vocabulary: a run of two
/// to four Chinese characters that the content never uses is replaced by a content word that sounds the same (same
/// toneless pinyin, or the same after folding zh/z, ch/c, sh/s, n/l and -ng/-n) and differs in at most one character.
/// A general model instead of a list of typos: every word the editors write becomes correctable.
/// <para>
/// Only a run of the question's own words is replaced (<see cref="WordSpan"/>, SmartCn's segmentation without filler): a
/// window starts and ends on word boundaries, holds no filler (怎么, 哪, 什么 are never "corrected" into 证么, 内, 事么) but
/// the one character kept after a one-character word that the content never writes (伸请 → 申请),
/// is not one dictionary word (年纪 stays 年纪, though the content writes 年级), and does not cut a content word that
/// continues after it (上海长护险 keeps 长护险). Nor is a window corrected that general Chinese reads as words
/// (<see cref="GeneralDictionary"/>): 卖房 and 三年 are not typos of the content's 买房 and 上年. Immutable and thread-safe.
/// </para>
/// </summary>
internal sealed class TypoCorrector
{
    private const int MinLength = 2;
    private const int MaxLength = 4;

    // A word has many readings only through polyphonic characters; beyond this many combinations the window is skipped.
    private const int MaxKeys = 16;

    private readonly FrozenDictionary<string, string> _bySound;
    private readonly FrozenSet<string> _known;
    private readonly FrozenSet<string> _words;
    private readonly IReadOnlySet<string> _dictionary;
    private readonly FrozenSet<char> _characters;

    /// <param name="words">The content's words (after synonyms) with how many documents use each.</param>
    /// <param name="bigrams">Every character bigram the content uses (as indexed, and as written: see <see cref="HanBigrams"/>).</param>
    /// <param name="dictionary">Words of general Chinese (<see cref="GeneralDictionary"/>): what people write that the content does not.</param>
    public TypoCorrector(IEnumerable<(string Word, int Frequency)> words, IEnumerable<string> bigrams, IReadOnlySet<string>? dictionary = null)
    {
        _dictionary = dictionary ?? FrozenSet<string>.Empty;
        var known = new HashSet<string>(bigrams, StringComparer.Ordinal);
        var contentWords = new HashSet<string>(StringComparer.Ordinal);
        var bySound = new Dictionary<string, (string Word, int Frequency)>(StringComparer.Ordinal);
        foreach (var (word, frequency) in words)
        {
            if (word.Length < MinLength || word.Length > MaxLength || !word.All(IsHan))
            {
                continue;
            }

            known.Add(word);
            contentWords.Add(word);
            foreach (var key in Keys(word))
            {
                if (!bySound.TryGetValue(key, out var existing) || existing.Frequency < frequency)
                {
                    bySound[key] = (word, frequency);
                }
            }
        }

        _bySound = bySound.ToFrozenDictionary(p => p.Key, p => p.Value.Word, StringComparer.Ordinal);
        _known = known.ToFrozenSet(StringComparer.Ordinal);
        _words = contentWords.ToFrozenSet(StringComparer.Ordinal);
        _characters = _known.SelectMany(pair => pair).ToFrozenSet();
    }

    /// <summary>A corrector that changes nothing.</summary>
    public static TypoCorrector None { get; } = new([], []);

    /// <summary>Number of content words that can be reached by sound.</summary>
    public int Count => _bySound.Count;

    /// <summary>The Chinese character bigrams of <paramref name="texts"/> as written (filler included), to add to the known ones.</summary>
    public static IEnumerable<string> HanBigrams(IEnumerable<string> texts)
    {
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var normalized = TextNormalizer.Normalize(text);
            for (var j = 0; j + 1 < normalized.Length; j++)
            {
                if (IsHan(normalized[j]) && IsHan(normalized[j + 1]))
                {
                    bigrams.Add(normalized.Substring(j, 2));
                }
            }
        }

        return bigrams;
    }

    /// <summary>
    /// The text with unknown homophones of content words replaced; the same instance when nothing changed.
    /// <paramref name="segment"/> gives the text's words (filler dropped) in order, as offsets into <paramref name="normalized"/>;
    /// it is called only when some character pair of the text is unknown, so most questions are not segmented twice.
    /// </summary>
    public string Correct(string normalized, Func<string, IReadOnlyList<WordSpan>> segment)
    {
        if (_bySound.Count == 0 || !HasUnknownPair(normalized))
        {
            return normalized;
        }

        var words = segment(normalized);

        StringBuilder? corrected = null;
        var copied = 0;
        var first = 0;
        while (first < words.Count)
        {
            var furthest = first;
            while (furthest + 1 < words.Count && Fits(normalized, words, first, furthest + 1))
            {
                furthest++;
            }

            // Longest window first; a window is two words or more (one SmartCn word of two characters is a dictionary word).
            var next = first + 1;
            var replaced = false;
            for (var last = furthest; last > first && !replaced; last--)
            {
                if (TryReplace(normalized, words[first].Start, words[last].End, ref corrected, ref copied))
                {
                    (next, replaced) = (last + 1, true);
                }
            }

            if (!replaced && words[first].End - words[first].Start == 1)
            {
                TryReplaceBeforeFiller(normalized, words, first, ref corrected, ref copied);
            }

            first = next;
        }

        if (corrected is null)
        {
            return normalized;
        }

        corrected.Append(normalized, copied, normalized.Length - copied);
        return corrected.ToString();
    }

    // Every window whose character pairs are all known is itself known: nothing to correct without an unknown pair.
    private bool HasUnknownPair(string text)
    {
        for (var j = 0; j + 1 < text.Length; j++)
        {
            if (IsHan(text[j]) && IsHan(text[j + 1]) && !_known.Contains(text.Substring(j, 2)))
            {
                return true;
            }
        }

        return false;
    }

    // Words first..last are contiguous Chinese and at most MaxLength characters together.
    private static bool Fits(string text, IReadOnlyList<WordSpan> words, int first, int last) =>
        words[last].Start == words[last - 1].End
        && words[last].End - words[first].Start <= MaxLength
        && IsAllHan(text, words[first].Start, words[last].End - words[first].Start);

    // A one-character word that the content never writes, followed by a filler character that no word holds: 伸请 (请 is
    // filler) is a typo of 申请. The window takes the filler character in, and the correction must keep it: 材了 is never made
    // 材料. A character the content writes is left (出了 is not 除了, 住要 not 主要), and so is one after filler: 在哪 is a way of
    // asking, not a typo of 在内.
    private void TryReplaceBeforeFiller(string text, IReadOnlyList<WordSpan> words, int index, ref StringBuilder? corrected, ref int copied)
    {
        var (start, end) = (words[index].Start, words[index].End);
        var fillerAfter = end < text.Length && IsHan(text[end]) && (index + 1 == words.Count || words[index + 1].Start > end);
        if (fillerAfter && !_characters.Contains(text[start]))
        {
            TryReplace(text, start, end + 1, ref corrected, ref copied, keep: end);
        }
    }

    private bool TryReplace(string text, int start, int end, ref StringBuilder? corrected, ref int copied, int keep = -1)
    {
        var length = end - start;
        if (length < MinLength || CutsAContentWord(text, start, length))
        {
            return false;
        }

        var window = text.Substring(start, length);
        if (IsKnown(window) || ReadsAsWords(text, start, end) || Replacement(window) is not { } word
            || (keep >= 0 && word[keep - start] != text[keep]) || FitsWorse(text, start, end, word))
        {
            return false;
        }

        corrected ??= new StringBuilder(text.Length + 4);
        corrected.Append(text, copied, start - copied).Append(word);
        copied = end;
        return true;
    }

    // The words around the window read on better as typed: 两万块 stays (两万 is written, 两模 is not), 年低保 stays (低保).
    private bool FitsWorse(string text, int start, int end, string word)
    {
        var typed = 0;
        var corrected = 0;
        if (start > 0 && IsHan(text[start - 1]))
        {
            typed += _known.Contains(string.Concat(text[start - 1], text[start])) ? 1 : 0;
            corrected += _known.Contains(string.Concat(text[start - 1], word[0])) ? 1 : 0;
        }

        if (end < text.Length && IsHan(text[end]))
        {
            typed += _known.Contains(string.Concat(text[end - 1], text[end])) ? 1 : 0;
            corrected += _known.Contains(string.Concat(word[^1], text[end])) ? 1 : 0;
        }

        return corrected < typed;
    }

    // Real words the content happens not to use: the window is one (卖房 is not a typo of 买房), or one runs over its edge
    // (6月底前 reads 月底, not 提前; 低一点 reads 一点, not 第一), unless a longer word overlaps that one (补半身份证 reads 身份证,
    // not 半身, so 补半 is still a typo of 补办) or a content word as long (抵押注消 reads 抵押 as much as 押注).
    private bool ReadsAsWords(string text, int start, int end)
    {
        if (_dictionary.Count == 0)
        {
            return false;
        }

        if (_dictionary.Contains(text[start..end]))
        {
            return true;
        }

        foreach (var (from, to) in WordsOverlapping(text, start, end, _dictionary))
        {
            var length = to - from;
            if ((from < start || to > end)
                && !WordsOverlapping(text, from, to, _dictionary).Any(w => w.To - w.From > length)
                && !WordsOverlapping(text, from, to, _words).Any(w => w.To - w.From >= length && (w.From, w.To) != (from, to)))
            {
                return true;
            }
        }

        return false;
    }

    // Every word of the set, of two to MaxLength Chinese characters, that overlaps text[start..end].
    private static IEnumerable<(int From, int To)> WordsOverlapping(string text, int start, int end, IReadOnlySet<string> words)
    {
        for (var from = Math.Max(0, start - MaxLength + 1); from < end; from++)
        {
            for (var to = Math.Max(from + MinLength, start + 1); to <= Math.Min(text.Length, from + MaxLength); to++)
            {
                if (IsAllHan(text, from, to - from) && words.Contains(text[from..to]))
                {
                    yield return (from, to);
                }
            }
        }
    }

    // A content word that starts inside the window and runs past its end: 长护险 in the window 海长 of 上海长护险.
    private bool CutsAContentWord(string text, int start, int length)
    {
        var end = start + length;
        for (var from = start + 1; from < end; from++)
        {
            for (var size = end - from + 1; size <= MaxLength && from + size <= text.Length; size++)
            {
                if (_words.Contains(text.Substring(from, size)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsAllHan(string text, int start, int length)
    {
        for (var j = start; j < start + length; j++)
        {
            if (!IsHan(text[j]))
            {
                return false;
            }
        }

        return true;
    }

    // Known when every bigram of the window occurs in the content: 公积金 is known, 公基金 is not.
    private bool IsKnown(string window)
    {
        if (_known.Contains(window))
        {
            return true;
        }

        for (var j = 0; j + 2 <= window.Length; j++)
        {
            if (!_known.Contains(window.Substring(j, 2)))
            {
                return false;
            }
        }

        return window.Length > 2;
    }

    private string? Replacement(string window)
    {
        foreach (var key in Keys(window))
        {
            if (_bySound.TryGetValue(key, out var word) && word != window && Differences(word, window) <= 1)
            {
                return word;
            }
        }

        return null;
    }

    private static int Differences(string a, string b)
    {
        var count = 0;
        for (var j = 0; j < a.Length; j++)
        {
            count += a[j] == b[j] ? 0 : 1;
        }

        return count;
    }

    // Exact readings first, then folded ones; one key per combination of the characters' readings.
    private static IEnumerable<string> Keys(string word)
    {
        foreach (var fold in (bool[])[false, true])
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in PinyinTable.Spellings(word, MaxKeys, fold, " "))
            {
                if (seen.Add(key))
                {
                    yield return (fold ? "~" : string.Empty) + key;
                }
            }
        }
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
