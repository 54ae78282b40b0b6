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
    private readonly FrozenDictionary<string, string> _map;
    private readonly int _maxLength;

    public SynonymMapper(IEnumerable<SynonymRule> rules)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var to = TextNormalizer.Normalize(rule.To);
            foreach (var from in rule.From)
            {
                map[TextNormalizer.Normalize(from)] = to;
            }

            // The canonical term maps to itself so longest match keeps it whole (一网通办 is not rewritten as 一网通 + 办).
            map.TryAdd(to, to);
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
        _maxLength = map.Count == 0 ? 0 : map.Keys.Max(k => k.Length);
    }

    public static SynonymMapper Empty { get; } = new([]);

    public string Rewrite(string normalized)
    {
        if (_maxLength == 0 || normalized.Length == 0)
        {
            return normalized;
        }

        var builder = new StringBuilder(normalized.Length + 8);
        var i = 0;
        while (i < normalized.Length)
        {
            var matched = false;
            for (var length = Math.Min(_maxLength, normalized.Length - i); length >= 1; length--)
            {
                if (_map.TryGetValue(normalized.Substring(i, length), out var canonical) && IsWordBoundary(normalized, i, length))
                {
                    builder.Append(canonical);
                    i += length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                builder.Append(normalized[i]);
                i++;
            }
        }

        return builder.ToString();
    }

    // Latin terms (gjj, app) only match as whole words; Chinese has no word boundaries to respect.
    private static bool IsWordBoundary(string text, int start, int length)
    {
        if (!char.IsAsciiLetterOrDigit(text[start]))
        {
            return true;
        }

        var before = start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1]);
        var after = start + length == text.Length || !char.IsAsciiLetterOrDigit(text[start + length]);
        return before && after;
    }
}
