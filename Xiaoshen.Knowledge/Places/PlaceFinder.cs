using Xiaoshen.Knowledge.Analysis;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Places;

/// <summary>
/// Finds place names in a normalised question: the built-in divisions (<see cref="DivisionData"/>) plus the editors'
/// short forms, Shanghai names and ambiguous words from <c>places.yaml</c>. Longest match wins, and Shanghai wins a tie
/// (普陀, 宝山 and 长宁 are also names elsewhere), except that a Shanghai town's short form (中山 of 中山街道) does not take a
/// city's or a province's. A short form (洛阳 for 洛阳市) that also appears in the content's own
/// text (资源, 公安) is a word there, not a place, so only its full name counts; a short county name must also start or
/// end on a word boundary (提交城市 does not name 交城), and gives way to a name that starts inside it and runs on past it
/// (从江苏 names 江苏, not 从江). Immutable and thread-safe.
/// </summary>
internal sealed class PlaceFinder
{
    // Spellings of a place in pinyin: at most this many per name (乐山 is leshan, yueshan or yaoshan), and none shorter than
    // this (阿里 spelt ali is a person's name).
    private const int MaxSpellings = 4;
    private const int MinSpellingLength = 4;

    // The editors' Shanghai names (陆家嘴, 南京路) stand for Shanghai as a whole.
    private static readonly Entry ShanghaiName = new("上海市", PlaceKind.Town, IsShanghai: true, NeedsBoundary: false);

    private readonly Dictionary<string, Entry> _surfaces;
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<char, string> _plates;
    private readonly int _maxLength;
    private string[] _protected = [];

    /// <param name="lexicon">The editors' place language.</param>
    /// <param name="contentTexts">All content text: short names used in it are words, not places.</param>
    /// <param name="terms">Matter names and aliases: a place inside one (港澳通行证, 台湾通行证) names the matter, not a place;
    /// so does one inside the lexicon's common phrases (<see cref="PlaceLexicon.Words"/>: 医保定点).</param>
    public PlaceFinder(PlaceLexicon lexicon, IEnumerable<string> contentTexts, IEnumerable<string>? terms = null)
    {
        var ambiguous = lexicon.Ambiguous.Select(TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);
        // The editors' common words name a Shanghai town only in full too (建设 is 崇明建设镇 but also 建设工程).
        var commonWords = ambiguous.ToHashSet(StringComparer.Ordinal);
        var names = DivisionData.Names;
        var countyShorts = names.Where(n => n.Kind == PlaceKind.County && !n.IsShanghai && n.Short is not null).Select(n => n.Short!).ToHashSet(StringComparer.Ordinal);
        ambiguous.UnionWith(WordsUsedIn(contentTexts, countyShorts));

        // A bare 中山 or 岳阳 is the city of millions, not the Shanghai street office of that name (松江中山街道), which is
        // still found by its full name: a town's short form does not take a city's or a province's.
        var regionShorts = names.Where(n => n.Kind is PlaceKind.City or PlaceKind.Province && !n.IsShanghai && n.Short is not null).Select(n => n.Short!).ToHashSet(StringComparer.Ordinal);

        _surfaces = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            // 郊区, 城区, 东区 are the full names of a few county-level districts elsewhere, but in a question the common word
            // (住在郊区, 小区东区): a full name the editors list as a common word is not a place by itself.
            if (!commonWords.Contains(name.Name))
            {
                Add(name.Name, new Entry(name.Name, name.Kind, name.IsShanghai, NeedsBoundary: name.Kind == PlaceKind.Foreign && name.Name.Length <= 2));
            }

            if (name.Short is { } brief && (name.IsShanghai ? !(name.Kind == PlaceKind.Town && (commonWords.Contains(brief) || regionShorts.Contains(brief))) : !ambiguous.Contains(brief)))
            {
                Add(brief, new Entry(name.Name, name.Kind, name.IsShanghai, NeedsBoundary: !name.IsShanghai && name.Kind is PlaceKind.County or PlaceKind.SpecialRegion));
            }
        }

        foreach (var surface in lexicon.Shanghai)
        {
            Add(TextNormalizer.Normalize(surface), ShanghaiName);
        }

        // Places as English questions write them, in pinyin (chengdu, guangdong, pudong): provinces, cities and the special
        // regions elsewhere, Shanghai's districts and the editors' Shanghai names; not the counties and towns, whose
        // spellings are too many and too often someone's name. A spelling the editors list as ambiguous is not a place.
        var spelt = names.Where(n => n.Kind is PlaceKind.Province or PlaceKind.City or PlaceKind.SpecialRegion || (n.IsShanghai && n.Kind == PlaceKind.County))
            .Select(n => (Chinese: n.Short ?? n.Name, Entry: new Entry(n.Name, n.Kind, n.IsShanghai, NeedsBoundary: false)))
            .Concat(lexicon.Shanghai.Select(s => (Chinese: s, Entry: ShanghaiName)));
        foreach (var (chinese, entry) in spelt)
        {
            foreach (var spelling in PinyinTable.Spellings(chinese, MaxSpellings).Where(s => s.Length >= MinSpellingLength && !ambiguous.Contains(s)))
            {
                Add(spelling, entry);
            }
        }

        var kinds = names.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        foreach (var (surface, place) in lexicon.ShortForms.Where(s => !ambiguous.Contains(TextNormalizer.Normalize(s.Key))))
        {
            Add(TextNormalizer.Normalize(surface), new Entry(place, kinds.GetValueOrDefault(place, PlaceKind.Colloquial), IsShanghai: false, NeedsBoundary: false));
        }

        foreach (var (abbreviation, place) in lexicon.Abbreviations)
        {
            foreach (var surface in (string[])[abbreviation + "牌", abbreviation + "籍"])
            {
                if (!ambiguous.Contains(surface))
                {
                    Add(surface, new Entry(place, PlaceKind.Province, IsShanghai: false, NeedsBoundary: false));
                }
            }
        }

        _plates = lexicon.Abbreviations.Where(a => a.Key.Length == 1).ToDictionary(a => a.Key[0], a => a.Value);
        _lookup = _surfaces.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxLength = _surfaces.Count == 0 ? 0 : _surfaces.Keys.Max(k => k.Length);
        _protected = (terms ?? []).Concat(lexicon.Words).Select(t => TextNormalizer.FoldTraditional(TextNormalizer.Normalize(t))).Where(t => t.Length > 1).Distinct(StringComparer.Ordinal)
            .Where(t => Find(t, _ => new HashSet<int>(Enumerable.Range(0, t.Length + 1))).Count > 0)
            .OrderByDescending(t => t.Length)
            .ToArray();
    }

    /// <summary>Number of surfaces known (names and short forms), for the build log.</summary>
    public int Count => _surfaces.Count;

    /// <summary>
    /// The places named in <paramref name="normalized"/>, left to right. <paramref name="wordBoundaries"/> gives the offsets
    /// where words start or end; it is called only when a short county name needs checking.
    /// </summary>
    public IReadOnlyList<PlaceMention> Find(string normalized, Func<string, IReadOnlySet<int>> wordBoundaries)
    {
        List<PlaceMention>? found = null;
        IReadOnlySet<int>? boundaries = null;

        // Names typed in traditional characters (襄陽) are matched in simplified ones; the fold keeps every offset.
        var folded = TextNormalizer.FoldTraditional(normalized);
        var masked = Masked(folded);
        var text = folded.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            if (masked?[i] == true)
            {
                i++;
                continue;
            }

            var matched = 0;
            for (var length = Math.Min(_maxLength, text.Length - i); length >= 1 && matched == 0; length--)
            {
                if (!_lookup.TryGetValue(text.Slice(i, length), out var entry))
                {
                    continue;
                }

                if (char.IsAsciiLetter(text[i]) && !IsLatinWord(text, i, length))
                {
                    continue;
                }

                if (entry.NeedsBoundary)
                {
                    boundaries ??= wordBoundaries(normalized);
                    if ((!boundaries.Contains(i) && !boundaries.Contains(i + length)) || OverlapsLongerName(text, i, length))
                    {
                        continue;
                    }
                }

                (found ??= []).Add(new PlaceMention(normalized.Substring(i, length), entry.Name, entry.Kind, entry.IsShanghai, i));
                matched = length;
            }

            // Licence plates: 粤b, 苏e12345.
            if (matched == 0 && _plates.TryGetValue(text[i], out var province) && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1])
                && (i + 2 == text.Length || !char.IsAsciiLetter(text[i + 2])))
            {
                (found ??= []).Add(new PlaceMention(normalized.Substring(i, 2), province, PlaceKind.Province, IsShanghai: false, i));
                matched = 2;
            }

            i += Math.Max(matched, 1);
        }

        return found ?? (IReadOnlyList<PlaceMention>)[];
    }

    // A name in Latin letters (chengdu, hong kong) is a whole word, not part of a longer one.
    private static bool IsLatinWord(ReadOnlySpan<char> text, int start, int length) =>
        (start == 0 || !char.IsAsciiLetter(text[start - 1])) && (start + length == text.Length || !char.IsAsciiLetter(text[start + length]));

    // True when a name that needs no word boundary starts inside text[start..start+length) and runs on past it: 从江苏 names
    // 江苏, not the county 从江 that its first two characters spell.
    private bool OverlapsLongerName(ReadOnlySpan<char> text, int start, int length)
    {
        for (var j = start + 1; j < start + length; j++)
        {
            for (var l = Math.Min(_maxLength, text.Length - j); j + l > start + length; l--)
            {
                if (_lookup.TryGetValue(text.Slice(j, l), out var other) && !other.NeedsBoundary)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Positions covered by a matter's own name or alias (港澳通行证) or a common phrase (医保定点): no place starts there.
    private bool[]? Masked(string normalized)
    {
        bool[]? masked = null;
        foreach (var term in _protected)
        {
            for (var at = normalized.IndexOf(term, StringComparison.Ordinal); at >= 0; at = normalized.IndexOf(term, at + 1, StringComparison.Ordinal))
            {
                masked ??= new bool[normalized.Length];
                Array.Fill(masked, true, at, term.Length);
            }
        }

        return masked;
    }

    // Shanghai names win a tie; otherwise the first added (higher level, full name) keeps the surface.
    private void Add(string name, Entry entry)
    {
        var surface = TextNormalizer.FoldTraditional(name);
        if (surface.Length == 0)
        {
            return;
        }

        if (!_surfaces.TryGetValue(surface, out var existing) || (entry.IsShanghai && !existing.IsShanghai))
        {
            _surfaces[surface] = entry;
        }
    }

    // The short names that occur anywhere in the content: there they are words (资源, 公安, 合作), not places.
    private static HashSet<string> WordsUsedIn(IEnumerable<string> texts, HashSet<string> candidates)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var lookup = candidates.GetAlternateLookup<ReadOnlySpan<char>>();
        var longest = candidates.Count == 0 ? 0 : candidates.Max(c => c.Length);
        foreach (var raw in texts)
        {
            var text = raw.AsSpan();
            for (var i = 0; i < text.Length; i++)
            {
                for (var length = 2; length <= longest && i + length <= text.Length; length++)
                {
                    if (lookup.TryGetValue(text.Slice(i, length), out var word))
                    {
                        used.Add(word);
                    }
                }
            }
        }

        return used;
    }

    private sealed record Entry(string Name, PlaceKind Kind, bool IsShanghai, bool NeedsBoundary);
}
