using Xiaoshen.Knowledge.Analysis;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// A list of the editors' cue phrases, matched in normalised text. A phrase may have gaps written “…” (多久…一次): its
/// parts must occur in that order, so 多久可以提取一次 asks how often. Immutable and thread-safe.
/// </summary>
internal sealed class CuePhrases
{
    private readonly (string Phrase, string[] Parts)[] _phrases;

    public CuePhrases(IEnumerable<string> phrases) =>
        _phrases = phrases
            .Select(p => (Phrase: p, Parts: p.Split(['…', '⋯'], StringSplitOptions.RemoveEmptyEntries).Select(TextNormalizer.Normalize).Where(s => s.Length > 0).ToArray()))
            .Where(p => p.Parts.Length > 0)
            .ToArray();

    /// <summary>True when any phrase occurs in <paramref name="normalized"/>.</summary>
    public bool In(string normalized) => _phrases.Any(p => Occurs(p.Parts, normalized));

    /// <summary><paramref name="normalized"/> with every phrase that occurs in it replaced by a space.</summary>
    public string Without(string normalized) =>
        _phrases.Where(p => Occurs(p.Parts, normalized)).SelectMany(p => p.Parts).OrderByDescending(p => p.Length)
            .Aggregate(normalized, (text, part) => text.Replace(part, " ", StringComparison.Ordinal));

    /// <summary>
    /// Where the last phrase found in <paramref name="normalized"/> ends (its last part's last occurrence after the others),
    /// or -1 when none occurs: a question asks what it names last.
    /// </summary>
    public int LastEnd(string normalized) =>
        _phrases.Where(p => Occurs(p.Parts, normalized))
            .Select(p => normalized.LastIndexOf(p.Parts[^1], StringComparison.Ordinal) + p.Parts[^1].Length)
            .DefaultIfEmpty(-1)
            .Max();

    private static bool Occurs(string[] parts, string text)
    {
        var from = 0;
        foreach (var part in parts)
        {
            var at = text.IndexOf(part, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            from = at + part.Length;
        }

        return true;
    }
}
