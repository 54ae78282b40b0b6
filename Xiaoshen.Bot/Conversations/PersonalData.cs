using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Masks resident ID numbers, phone numbers (mobile, also with +86, and landlines with their area code) and bank card
/// numbers, so transcripts, logs and prompts never hold them in clear. Numbers are found however they are written:
/// full-width digits, Chinese numerals read digit by digit (一三八…, 幺 for 1), spaces, dashes or dots between the
/// digits, and zero-width characters anywhere inside. Thread-safe.
/// </summary>
public static partial class PersonalData
{
    // The matchers run on a view of the text: every digit, full-width or Chinese, becomes an ASCII digit, an ID's check
    // character becomes X, a character that may sit between the digits of a number becomes '_', zero-width characters
    // are left out, and anything else stays itself. The view maps back to the original characters.
    private const char Separator = '_';

    private static readonly Dictionary<char, char> Digits = BuildDigits();

    // Chinese stays readable in stored JSON.
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // JSON values that identify or locate something, never a person's words: masking them could break a link or an id.
    private static readonly HashSet<string> StructuralNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "type", "contentType", "locale", "textFormat", "inputHint", "attachmentLayout", "role", "key",
    };

    private static readonly (Regex Pattern, NumberKind Kind)[] Patterns =
    [
        (IdNumber(), NumberKind.Id),
        (OldIdNumber(), NumberKind.Id),
        (BankCard(), NumberKind.Card),
        (Mobile(), NumberKind.Mobile),
        (Landline(), NumberKind.Landline),
    ];

    private enum NumberKind
    {
        Id,
        Card,
        Mobile,
        Landline,
    }

    /// <summary>Returns <paramref name="text"/> with personal numbers masked, keeping a few digits so people can recognise their own.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var found = Find(text);
        if (found.Count == 0)
        {
            return text;
        }

        var masked = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var number in found.OrderBy(n => n.Start))
        {
            masked.Append(text, at, number.Start - at);
            masked.Append(Masked(text, number));
            at = number.End;
        }

        return masked.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// <paramref name="json"/> with personal numbers masked in every string value except those that identify or locate
    /// something (ids, links, types, timestamps). Text that is not JSON is masked as text.
    /// </summary>
    public static string MaskJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return string.Empty;
        }

        if (!MayHoldNumber(json))
        {
            return json;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return Mask(json);
        }

        return node is not null && MaskNode(node) ? node.ToJsonString(RelaxedJson) : json;
    }

    /// <summary>True when <paramref name="text"/> contains a personal number.</summary>
    public static bool Contains(string? text) => !string.IsNullOrEmpty(text) && Find(text).Count > 0;

    /// <summary>The first phone number in <paramref name="text"/> (a mobile, or a landline with its area code), ASCII digits and a dash only; null when none.</summary>
    public static string? FindPhone(string text)
    {
        var found = Find(text);
        if (found.FirstOrDefault(n => n.Kind == NumberKind.Mobile) is { Kind: NumberKind.Mobile } mobile)
        {
            return AsciiDigits(text, mobile.Main, mobile.End);
        }

        return found.FirstOrDefault(n => n.Kind == NumberKind.Landline) is { Kind: NumberKind.Landline } landline
            ? $"{AsciiDigits(text, landline.Start, landline.Main)}-{AsciiDigits(text, landline.Main, landline.End)}"
            : null;
    }

    /// <summary>A phone number as shown back to the person: 138****5678, 021-****5678.</summary>
    public static string MaskPhone(string phone)
    {
        var dash = phone.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? Keep(phone, 0, phone.Length, 3, 4) : phone[..(dash + 1)] + Keep(phone, dash + 1, phone.Length, 0, 4);
    }

    /// <summary>A person's name as shown in transcripts and logs: the first character kept (张伟 → 张*, 欧阳娜娜 → 欧***).</summary>
    public static string MaskName(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length <= 1 ? trimmed : trimmed[0] + new string('*', trimmed.Length - 1);
    }

    // True when something was masked.
    private static bool MaskNode(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject json:
                foreach (var (name, child) in json.ToList())
                {
                    if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        if (!IsStructural(name) && MaskValue(value) is { } masked)
                        {
                            json[name] = masked;
                            changed = true;
                        }
                    }
                    else if (child is not null)
                    {
                        changed |= MaskNode(child);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        if (MaskValue(value) is { } masked)
                        {
                            array[i] = masked;
                            changed = true;
                        }
                    }
                    else if (array[i] is { } child)
                    {
                        changed |= MaskNode(child);
                    }
                }

                break;
        }

        return changed;
    }

    private static string? MaskValue(JsonValue value)
    {
        var text = value.GetValue<string>();
        var masked = Mask(text);
        return ReferenceEquals(masked, text) ? null : masked;
    }

    private static bool IsStructural(string name) =>
        StructuralNames.Contains(name) || name.EndsWith("id", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("url", StringComparison.OrdinalIgnoreCase) || name.EndsWith("timestamp", StringComparison.OrdinalIgnoreCase);

    private static string Masked(string text, Found number) => number.Kind switch
    {
        NumberKind.Id => Keep(text, number.Start, number.End, 3, 2),
        NumberKind.Card => Keep(text, number.Start, number.End, 0, 4),

        // A country code stays as written (+86 138****5678).
        NumberKind.Mobile => text[number.Start..number.Main] + Keep(text, number.Main, number.End, 3, 4),
        _ => OriginalDigits(text, number.Start, number.Main) + "-" + Keep(text, number.Main, number.End, 0, 4),
    };

    // The digits of text[start..end] (separators and zero-width characters dropped), all but head and tail as '*'.
    private static string Keep(string text, int start, int end, int head, int tail)
    {
        var digits = Enumerable.Range(start, end - start).Where(i => IsDigitLike(text[i])).Select(i => text[i]).ToArray();
        return new string(digits.Select((c, i) => i < head || i >= digits.Length - tail ? c : '*').ToArray());
    }

    private static string OriginalDigits(string text, int start, int end) =>
        new(Enumerable.Range(start, end - start).Where(i => IsDigitLike(text[i])).Select(i => text[i]).ToArray());

    private static string AsciiDigits(string text, int start, int end) =>
        new(Enumerable.Range(start, end - start).Where(i => Digits.ContainsKey(text[i])).Select(i => Digits[text[i]]).ToArray());

    private static bool IsDigitLike(char c) => Digits.ContainsKey(c) || c is 'X' or 'x' or 'Ｘ' or 'ｘ';

    private static List<Found> Find(string text)
    {
        if (!MayHoldNumber(text))
        {
            return [];
        }

        var (view, map) = View(text);
        var found = new List<Found>();
        foreach (var (pattern, kind) in Patterns)
        {
            foreach (Match match in pattern.Matches(view))
            {
                if (kind == NumberKind.Id && !HasBirthDate(match.Value))
                {
                    continue;
                }

                var start = map[match.Index];
                var end = map[match.Index + match.Length - 1] + 1;
                var main = match.Groups["main"] is { Success: true } group ? map[group.Index] : start;
                if (!found.Any(f => f.Start < end && start < f.End))
                {
                    found.Add(new Found(kind, start, main, end));
                }
            }
        }

        return found;
    }

    // The shortest personal number has ten digits (a landline with its area code). Most texts have no run of digits that
    // long, even allowing separators between them, and are passed over without building the view.
    private static bool MayHoldNumber(string text)
    {
        const int Shortest = 10;
        var run = 0;
        var gap = 0;
        foreach (var c in text)
        {
            if (Digits.ContainsKey(c) || c is 'X' or 'x' or 'Ｘ' or 'ｘ')
            {
                if (++run >= Shortest)
                {
                    return true;
                }

                gap = 0;
            }
            else if (IsZeroWidth(c) || c is '+' or '＋' or '(' or ')' or '（' or '）')
            {
                continue;
            }
            else if (IsSeparator(c) && ++gap <= 3)
            {
                continue;
            }
            else
            {
                run = 0;
                gap = 0;
            }
        }

        return false;
    }

    private static (string View, int[] Map) View(string text)
    {
        var view = new char[text.Length];
        var map = new int[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsZeroWidth(c))
            {
                continue;
            }

            view[length] = Digits.TryGetValue(c, out var digit) ? digit
                : c is 'x' or 'Ｘ' or 'ｘ' ? 'X'
                : IsSeparator(c) ? Separator
                : c == '＋' ? '+'
                : c is '（' ? '(' : c is '）' ? ')'
                : c;
            map[length++] = i;
        }

        return (new string(view, 0, length), map);
    }

    private static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E';

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '-' or '‐' or '‑' or '‒' or '–' or '—' or '－' or '−' or '.' or '．' or '·' or '・';

    // An 18-digit ID holds the birth date (yyyyMMdd) at positions 7–14, a 15-digit one (yyMMdd) at 7–12. A number of that
    // length without a date is not an ID (an 18-digit one is still masked as a bank card).
    private static bool HasBirthDate(string match)
    {
        var digits = new string(match.Where(c => c != Separator).ToArray());
        var date = digits.Length == 18 ? digits[6..14] : "19" + digits[6..12];
        return DateOnly.TryParseExact(date, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var born)
            && born.Year >= 1850;
    }

    private static Dictionary<char, char> BuildDigits()
    {
        var digits = new Dictionary<char, char>();
        for (var d = 0; d <= 9; d++)
        {
            digits[(char)('0' + d)] = (char)('0' + d);
            digits[(char)('０' + d)] = (char)('0' + d);
        }

        // Chinese numerals as people read numbers out digit by digit (幺 is how 1 is said in phone numbers), and the
        // financial forms.
        foreach (var (numerals, digit) in new[]
        {
            ("零〇○", '0'), ("一幺壹", '1'), ("二两贰", '2'), ("三叁", '3'), ("四肆", '4'),
            ("五伍", '5'), ("六陆", '6'), ("七柒", '7'), ("八捌", '8'), ("九玖", '9'),
        })
        {
            foreach (var numeral in numerals)
            {
                digits[numeral] = digit;
            }
        }

        return digits;
    }

    private sealed record Found(NumberKind Kind, int Start, int Main, int End);

    // Up to three separators may sit between two digits (138 - 1234 - 5678).
    // 18-character resident identity number (last may be X), not inside a longer number or code.
    [GeneratedRegex(@"(?<![0-9])[1-9](?:_{0,3}[0-9]){16}_{0,3}[0-9X](?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    // The old 15-digit identity number.
    [GeneratedRegex(@"(?<![0-9])[1-9](?:_{0,3}[0-9]){14}(?![0-9A-Za-z])")]
    private static partial Regex OldIdNumber();

    // Bank cards: 16–19 digits, usually grouped by fours; a run of digits inside a longer code is not one.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9](?:_{0,3}[0-9]){15,18}(?![0-9A-Za-z])")]
    private static partial Regex BankCard();

    // Mainland mobile numbers, optionally after +86, 0086 or 86 (possibly in brackets).
    [GeneratedRegex(@"(?<![0-9])(?:\(?(?:(?:\+|00)_{0,3})?86\)?_{0,3})?(?<main>1_{0,3}[3-9](?:_{0,3}[0-9]){9})(?![0-9])")]
    private static partial Regex Mobile();

    // A landline with its area code: three digits for Beijing and the 02x cities (021-12345678), else four (0512 1234567).
    [GeneratedRegex(@"(?<![0-9])0_{0,3}(?:[12]_{0,3}[0-9]|[3-9](?:_{0,3}[0-9]){2})_{0,3}(?<main>[2-9](?:_{0,3}[0-9]){6,7})(?![0-9])")]
    private static partial Regex Landline();
}
