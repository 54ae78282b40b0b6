using System.Collections.Frozen;
using System.Text;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// Corrects homophone typos (退修 → 退休, 社宝 → 社保, 异地就医被案 → 备案) against the content's own vocabulary: a run of two
/// to four Chinese characters that the content never uses is replaced by a content word that sounds the same (same
/// toneless pinyin, or the same after folding zh/z, ch/c, sh/s, n/l and -ng/-n) and differs in at most one character.
/// A general model instead of a list of typos: every word the editors write becomes correctable. Immutable and thread-safe.
/// </summary>
internal sealed class TypoCorrector
{
    private const int MinLength = 2;
    private const int MaxLength = 4;

    // A word has many readings only through polyphonic characters; beyond this many combinations the window is skipped.
    private const int MaxKeys = 16;

    private readonly FrozenDictionary<string, string> _bySound;
    private readonly FrozenSet<string> _known;

    /// <param name="words">The content's words (after synonyms) with how many documents use each.</param>
    /// <param name="bigrams">Every character bigram the content uses.</param>
    public TypoCorrector(IEnumerable<(string Word, int Frequency)> words, IEnumerable<string> bigrams)
    {
        var known = new HashSet<string>(bigrams, StringComparer.Ordinal);
        var bySound = new Dictionary<string, (string Word, int Frequency)>(StringComparer.Ordinal);
        foreach (var (word, frequency) in words)
        {
            if (word.Length < MinLength || word.Length > MaxLength || !word.All(IsHan))
            {
                continue;
            }

            known.Add(word);
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
    }

    /// <summary>A corrector that changes nothing.</summary>
    public static TypoCorrector None { get; } = new([], []);

    /// <summary>Number of content words that can be reached by sound.</summary>
    public int Count => _bySound.Count;

    /// <summary>The text with unknown homophones of content words replaced; the same instance when nothing changed.</summary>
    public string Correct(string normalized)
    {
        if (_bySound.Count == 0)
        {
            return normalized;
        }

        StringBuilder? corrected = null;
        var i = 0;
        while (i < normalized.Length)
        {
            if (!IsHan(normalized[i]))
            {
                corrected?.Append(normalized[i]);
                i++;
                continue;
            }

            var replaced = false;
            for (var length = Math.Min(MaxLength, HanRun(normalized, i)); length >= MinLength && !replaced; length--)
            {
                var window = normalized.Substring(i, length);
                if (IsKnown(window) || Replacement(window) is not { } word)
                {
                    continue;
                }

                corrected ??= new StringBuilder(normalized, 0, i, normalized.Length + 4);
                corrected.Append(word);
                i += length;
                replaced = true;
            }

            if (!replaced)
            {
                corrected?.Append(normalized[i]);
                i++;
            }
        }

        return corrected?.ToString() ?? normalized;
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
        var readings = new string[word.Length][];
        var combinations = 1;
        for (var j = 0; j < word.Length; j++)
        {
            readings[j] = PinyinTable.Of(word[j]);
            combinations *= Math.Max(readings[j].Length, 1);
            if (readings[j].Length == 0 || combinations > MaxKeys)
            {
                yield break;
            }
        }

        foreach (var fold in (bool[])[false, true])
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in Combine(readings, 0, fold))
            {
                if (seen.Add(key))
                {
                    yield return (fold ? "~" : string.Empty) + key;
                }
            }
        }
    }

    private static IEnumerable<string> Combine(string[][] readings, int from, bool fold)
    {
        if (from == readings.Length)
        {
            yield return string.Empty;
            yield break;
        }

        foreach (var reading in readings[from])
        {
            foreach (var rest in Combine(readings, from + 1, fold))
            {
                yield return (fold ? PinyinTable.Fold(reading) : reading) + (rest.Length > 0 ? " " + rest : string.Empty);
            }
        }
    }

    private static int HanRun(string text, int start)
    {
        var end = start;
        while (end < text.Length && IsHan(text[end]))
        {
            end++;
        }

        return end - start;
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
