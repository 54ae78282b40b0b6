using System.Text.RegularExpressions;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Masks resident ID numbers, mobile phone numbers and bank card numbers, so transcripts, logs and prompts never hold
/// them in clear. Thread-safe.
/// </summary>
public static partial class PersonalData
{
    /// <summary>Returns <paramref name="text"/> with personal numbers masked, keeping a few digits so people can recognise their own.</summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var masked = IdNumber().Replace(text, m => Keep(m.Value, 3, 2));
        masked = BankCard().Replace(masked, m => Keep(m.Value, 0, 4));
        return Phone().Replace(masked, m => Keep(m.Value, 3, 4));
    }

    /// <summary>True when <paramref name="text"/> contains a personal number.</summary>
    public static bool Contains(string? text) =>
        !string.IsNullOrEmpty(text) && (IdNumber().IsMatch(text) || BankCard().IsMatch(text) || Phone().IsMatch(text));

    /// <summary>The first phone number in <paramref name="text"/> (a mobile, or a landline with its area code), digits and dash only; null when none.</summary>
    public static string? FindPhone(string text)
    {
        if (Phone().Match(text) is { Success: true } mobile)
        {
            return new string(mobile.Value.Where(char.IsAsciiDigit).ToArray());
        }

        return Landline().Match(text) is { Success: true } landline ? $"{landline.Groups[1].Value}-{landline.Groups[2].Value}" : null;
    }

    /// <summary>A phone number as shown back to the person: 138****5678, 021-****5678.</summary>
    public static string MaskPhone(string phone)
    {
        var dash = phone.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? Keep(phone, 3, 4) : phone[..(dash + 1)] + Keep(phone[(dash + 1)..], 0, 4);
    }

    private static string Keep(string value, int head, int tail)
    {
        var digits = value.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray();
        return new string(digits.Select((c, i) => i < head || i >= digits.Length - tail ? c : '*').ToArray());
    }

    // 18-character resident identity number (last may be X), not inside a longer number.
    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9Xx])")]
    private static partial Regex IdNumber();

    // Bank cards: 16–19 digits, optionally grouped by spaces or dashes.
    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{4}[ -]?){3}[0-9]{4}(?:[ -]?[0-9]{1,3})?(?![0-9])")]
    private static partial Regex BankCard();

    // Mainland mobile numbers, optionally as 138-1234-5678 or 138 1234 5678.
    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])")]
    private static partial Regex Phone();

    // A landline with its area code (021-12345678, 0512 1234567).
    [GeneratedRegex(@"(?<![0-9])(0[1-9][0-9]{1,2})[ -]?([2-9][0-9]{6,7})(?![0-9])")]
    private static partial Regex Landline();
}
