using System.Collections.Frozen;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// Toneless pinyin readings of CJK characters, from the embedded <c>pinyin.txt</c> (generated from npm <c>pinyin</c> 4.0.0,
/// MIT; no pinyin package is served on NuGet here). Immutable and thread-safe.
/// </summary>
internal static class PinyinTable
{
    private static readonly Lazy<FrozenDictionary<char, string[]>> Readings = new(Load);

    /// <summary>The readings of <paramref name="c"/> (up to three), or an empty array for characters without one.</summary>
    public static string[] Of(char c) => Readings.Value.TryGetValue(c, out var readings) ? readings : [];

    /// <summary>
    /// The pinyin spellings of <paramref name="word"/>, one for each combination of its characters' readings (成都 →
    /// chengdu, and chengdou for the other reading of 都), each reading folded (<see cref="Fold"/>) when
    /// <paramref name="fold"/>, joined by <paramref name="separator"/>; none when a character has no reading or there would
    /// be more than <paramref name="limit"/>.
    /// </summary>
    public static IReadOnlyList<string> Spellings(string word, int limit, bool fold = false, string separator = "")
    {
        var spellings = new List<string> { string.Empty };
        for (var j = 0; j < word.Length; j++)
        {
            var readings = Of(word[j]);
            if (readings.Length == 0 || spellings.Count * readings.Length > limit)
            {
                return [];
            }

            var first = j == 0;
            spellings = spellings.SelectMany(prefix => readings.Select(r => (first ? string.Empty : prefix + separator) + (fold ? Fold(r) : r))).ToList();
        }

        return spellings;
    }

    /// <summary>
    /// A reading with the confusions people make when typing by sound folded away (zh/z, ch/c, sh/s, n/l and the nasal
    /// finals -ng/-n), so 居主证 and 居住证 or 身分证 and 身份证 meet.
    /// </summary>
    public static string Fold(string reading)
    {
        var r = reading;
        if (r.StartsWith("zh", StringComparison.Ordinal) || r.StartsWith("ch", StringComparison.Ordinal) || r.StartsWith("sh", StringComparison.Ordinal))
        {
            r = r[0] + r[2..];
        }
        else if (r.StartsWith('n'))
        {
            r = "l" + r[1..];
        }

        return r.EndsWith("ng", StringComparison.Ordinal) && r.Length > 2 ? r[..^1] : r;
    }

    private static FrozenDictionary<char, string[]> Load()
    {
        var map = new Dictionary<char, List<string>>();
        foreach (var line in EmbeddedLists.Read("pinyin.txt"))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var syllable = line[..space];
            foreach (var c in line.AsSpan(space + 1))
            {
                if (!map.TryGetValue(c, out var list))
                {
                    map[c] = list = [];
                }

                list.Add(syllable);
            }
        }

        return map.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
