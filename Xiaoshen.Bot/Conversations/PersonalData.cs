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
}
