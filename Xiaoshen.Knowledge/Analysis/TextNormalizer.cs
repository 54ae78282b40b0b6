using System.Collections.Frozen;
using System.Text;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>
/// First step of the answer pipeline: full-width to half-width (NFKC), lower case, common traditional characters to
/// simplified, whitespace collapsed, and a length limit. Thread-safe.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Longest question, in characters, that is looked at; the rest is ignored.</summary>
    public const int MaxLength = 500;

    private static readonly FrozenDictionary<char, char> Traditional = EmbeddedLists.Read("traditional.txt")
        .Where(l => l.Length == 2)
        .ToFrozenDictionary(l => l[0], l => l[1]);

    // Every other traditional character with a one-to-one simplified form (OpenCC's table), for matching names. Not folded
    // by Normalize: measured on 2026-12-02, folding them for the whole pipeline lost real-dev 0.0055 answered right (0.0028
    // when they are folded for places only; docs/quality.md).
    private static readonly FrozenDictionary<char, char> MoreTraditional = EmbeddedLists.Read("traditional-opencc.txt")
        .Where(l => l.Length == 2)
        .ToFrozenDictionary(l => l[0], l => l[1]);

    /// <summary>
    /// <paramref name="normalized"/> with every traditional character that has a one-to-one simplified form folded to it,
    /// one character for one, so offsets hold: names typed in traditional characters (襄陽) match their simplified spelling.
    /// </summary>
    public static string FoldTraditional(string normalized)
    {
        // Most questions are in simplified characters already: they are returned as they are, without a copy.
        var first = 0;
        while (first < normalized.Length && !MoreTraditional.ContainsKey(normalized[first]))
        {
            first++;
        }

        if (first == normalized.Length)
        {
            return normalized;
        }

        return string.Create(normalized.Length, (normalized, first), static (span, state) =>
        {
            var (source, from) = state;
            source.AsSpan(0, from).CopyTo(span);
            for (var i = from; i < source.Length; i++)
            {
                span[i] = MoreTraditional.TryGetValue(source[i], out var simplified) ? simplified : source[i];
            }
        });
    }

    /// <summary>
    /// A yes-or-no question without its closing 吗 and end punctuation (需要体检吗？ → 需要体检); null when
    /// <paramref name="normalized"/> does not end in 吗.
    /// </summary>
    public static string? BeforeYesOrNoParticle(string normalized)
    {
        var text = normalized.TrimEnd().TrimEnd('?', '？', '!', '！', '。', '.');
        return text.EndsWith('吗') ? text[..^1] : null;
    }

    /// <summary>Normalises <paramref name="text"/>; never returns null.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var source = text.Length > MaxLength * 2 ? text[..(MaxLength * 2)] : text;
        var folded = source.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var lastWasSpace = true;
        foreach (var raw in folded)
        {
            var c = char.ToLowerInvariant(raw);
            if (Traditional.TryGetValue(c, out var simplified))
            {
                c = simplified;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
            if (builder.Length >= MaxLength)
            {
                break;
            }
        }

        return builder.ToString().Trim();
    }
}
