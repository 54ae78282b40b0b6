using System.Collections.Frozen;
using System.Text;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// Rewrites colloquial terms, nicknames and typos to their canonical term by longest match, on text already normalised.
/// Applied to both content and questions, so both sides meet on the same words whatever SmartCn makes of them
/// (it splits 随申办 into 随/申办). Immutable and thread-safe.
/// </summary>
internal sealed class SynonymMapper
{
    // A Latin term as written, or with an English plural ending.
    private static readonly string[] PluralEndings = ["", "s", "es"];

    private readonly FrozenDictionary<string, string> _map;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    // The longest Chinese term, and the longest Latin one (English phrases run to dozens of letters): a Latin term is only
    // tried where a Latin word starts, so the long ones cost nothing inside Chinese text.
    private readonly int _maxLength;
    private readonly int _maxLatinLength;

    public SynonymMapper(IEnumerable<SynonymRule> rules)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var to = TextNormalizer.Normalize(rule.To);
            var froms = rule.From.Select(TextNormalizer.Normalize).Where(from => from.Length > 0).ToList();
            foreach (var from in froms)
            {
                map[from] = to;
            }

            // The canonical term maps to itself so longest match keeps it whole (一网通办 is not rewritten as 一网通 + 办). Not for
            // a rule of English terms only: its Chinese term must not change how Chinese text is read (bring => 要带 made 要带 a
            // term, which took the 带 of 护照要带身份证吗 from 带身份证 => 带证件).
            if (!froms.TrueForAll(IsLatinTerm))
            {
                map.TryAdd(to, to);
            }
        }

        // Follow chains (驾使证 => 驾驶证, and 驾驶证 is a synonym of 驾照) so both sides end on one term.
        foreach (var key in map.Keys.ToList())
        {
            var target = map[key];
            for (var hops = 0; hops < 5 && map.TryGetValue(target, out var next) && next != target; hops++)
            {
                target = next;
            }

            map[key] = target;
        }

        _map = map.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxLength = map.Keys.Where(k => !IsLatinTerm(k)).Select(k => k.Length).DefaultIfEmpty(0).Max();
        _maxLatinLength = map.Keys.Where(IsLatinTerm).Select(k => k.Length).DefaultIfEmpty(0).Max();
    }

    public static SynonymMapper Empty { get; } = new([]);

    /// <summary>
    /// The text with each term rewritten to its canonical one, longest first; with <paramref name="latinOnly"/>, only the
    /// Latin terms (an English question's words put in the content's Chinese), the Chinese text as it is.
    /// </summary>
    public string Rewrite(string normalized, bool latinOnly = false)
    {
        if (_map.Count == 0 || normalized.Length == 0)
        {
            return normalized;
        }

        var text = normalized.AsSpan();
        var builder = new StringBuilder(normalized.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            var longest = !IsLatin(text[i]) ? (latinOnly ? 0 : _maxLength) : i == 0 || !IsLatin(text[i - 1]) ? _maxLatinLength : 0;
            for (var length = Math.Min(longest, text.Length - i); length >= 1; length--)
            {
                if (_lookup.TryGetValue(text.Slice(i, length), out var canonical) && WholeWord(normalized, i, length) is { } taken)
                {
                    builder.Append(canonical);
                    i += taken;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                builder.Append(text[i]);
                i++;
            }
        }

        return builder.ToString();
    }

    private static bool IsLatin(char c) => char.IsAsciiLetterOrDigit(c);

    // A term of Latin letters (gjj, work permit), matched only as whole words from a Latin word's start.
    private static bool IsLatinTerm(string term) => IsLatin(term[0]);

    // Latin terms (gjj, app, work permit) only match as whole words, or with an English plural ending (work permits,
    // licences, taxes): the characters taken, or null. Rewrite only tries them where a Latin word starts, so this checks
    // where they end. Chinese has no word boundaries to respect.
    private static int? WholeWord(string text, int start, int length)
    {
        if (!IsLatin(text[start]))
        {
            return length;
        }

        foreach (var ending in PluralEndings)
        {
            var end = start + length + ending.Length;
            if (end <= text.Length && string.CompareOrdinal(text, start + length, ending, 0, ending.Length) == 0
                && (end == text.Length || !IsLatin(text[end])) && (ending.Length == 0 || char.IsAsciiLetter(text[start + length - 1])))
            {
                return length + ending.Length;
            }
        }

        return null;
    }
}
