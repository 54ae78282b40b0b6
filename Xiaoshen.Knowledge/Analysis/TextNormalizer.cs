using System.Collections.Frozen;
using System.Globalization;
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

    private const char TypographicApostrophe = '\u2019';

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
    public static string? BeforeYesOrNoParticle(string normalized) => BeforeParticle(normalized, '吗');

    /// <summary>
    /// The text without its closing <paramref name="particle"/> (吗, 呢) and end punctuation; null when
    /// <paramref name="normalized"/> does not end in it.
    /// </summary>
    public static string? BeforeParticle(string normalized, char particle)
    {
        var text = normalized.TrimEnd().TrimEnd('?', '？', '!', '！', '。', '.');
        return text.EndsWith(particle) ? text[..^1] : null;
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

        // An emoji or a symbol a phone adds (🙏, 👍🏻, ★) says nothing about the question: 企业社保开户🙏 is 企业社保开户, and got an
        // FAQ instead of the overview because 🙏 was one more word that no paragraph has. A message of nothing else keeps them.
        var plain = Fold(folded, dropSymbols: true);
        return plain.Length > 0 ? plain : Fold(folded, dropSymbols: false);
    }

    private static string Fold(string folded, bool dropSymbols)
    {
        var builder = new StringBuilder(folded.Length);
        var lastWasSpace = true;
        for (var i = 0; i < folded.Length; i++)
        {
            var c = char.ToLowerInvariant(folded[i]);
            if (Traditional.TryGetValue(c, out var simplified))
            {
                c = simplified;
            }
            else if (c == TypographicApostrophe && i > 0 && char.IsAsciiLetter(folded[i - 1]) && i + 1 < folded.Length && char.IsAsciiLetter(folded[i + 1]))
            {
                // Phones type driver’s for driver's; between Chinese words the same character is a quotation mark.
                c = '\'';
            }

            // An emoji outside the first plane is two chars: both go, or both stay.
            var pair = char.IsHighSurrogate(c) && i + 1 < folded.Length && char.IsLowSurrogate(folded[i + 1]);
            var category = pair ? CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, folded[i + 1])) : CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || char.IsControl(c) || (dropSymbols && IsDecoration(c, category)))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                i += pair ? 1 : 0;
                continue;
            }

            builder.Append(c);
            if (pair)
            {
                builder.Append(folded[++i]);
            }

            lastWasSpace = false;
            if (builder.Length >= MaxLength)
            {
                break;
            }
        }

        return builder.ToString().Trim();
    }

    // Emoji and pictographs (So), their skin tones (Sk), the joiners and variation selectors that hold them together.
    private static bool IsDecoration(char c, UnicodeCategory category) =>
        category is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.Format || c is >= '\uFE00' and <= '\uFE0F';
}
