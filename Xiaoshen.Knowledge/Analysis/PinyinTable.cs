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
    /// The ways <paramref name="chinese"/> is spelt in pinyin without tones or spaces (成都 → chengdu, and chengdou for the
    /// other reading of 都), as place names are written in English; none when a character has no reading or there would be
    /// more than <paramref name="limit"/>.
    /// </summary>
    public static IReadOnlyList<string> Spellings(string chinese, int limit)
    {
        var spellings = new List<string> { string.Empty };
        foreach (var c in chinese)
        {
            var readings = Of(c);
            if (readings.Length == 0 || spellings.Count * readings.Length > limit)
            {
                return [];
            }

            spellings = spellings.SelectMany(prefix => readings.Select(r => prefix + r)).ToList();
        }

        return chinese.Length == 0 ? [] : spellings;
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
