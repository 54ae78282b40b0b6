using System.Text.RegularExpressions;

namespace Xiaoshen.Bot.PreReview;

/// <summary>The forms of the numbers on Chinese documents and their check characters. Pure; thread-safe.</summary>
internal static partial class IdentityNumbers
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheck = "10X98765432";

    // GB 32100-2015: the code's 31 characters (no I, O, S, V, Z) and the weights 3^i mod 31.
    private const string CreditCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>True when <paramref name="id"/> is 18 characters with a real birth date and the right check character (GB 11643-1999).</summary>
    public static bool IsValidIdNumber(string id)
    {
        if (!IdShape().IsMatch(id)
            || !DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * IdWeights[i];
        }

        return char.ToUpperInvariant(id[17]) == IdCheck[sum % 11];
    }

    /// <summary>True when <paramref name="code"/> is a unified social credit code with the right check character (GB 32100-2015).</summary>
    public static bool IsValidCreditCode(string code)
    {
        if (code.Length != 18 || code.Any(c => !CreditCharacters.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += CreditCharacters.IndexOf(code[i], StringComparison.Ordinal) * CreditWeights[i];
        }

        return code[17] == CreditCharacters[(31 - (sum % 31)) % 31];
    }

    /// <summary>
    /// True when a licence number has the form its prefix promises: food business JY + 14 digits, food production SC + 14
    /// digits; other licences at least six letters and digits.
    /// </summary>
    public static bool IsValidLicenceNumber(string number) => number switch
    {
        ['J', 'Y', ..] => FoodBusiness().IsMatch(number),
        ['S', 'C', ..] => FoodProduction().IsMatch(number),
        _ => number.Length >= 6 && number.All(char.IsAsciiLetterOrDigit),
    };

    [GeneratedRegex(@"^[1-9][0-9]{16}[0-9Xx]$")]
    private static partial Regex IdShape();

    [GeneratedRegex(@"^JY[1-3][0-9]{13}$")]
    private static partial Regex FoodBusiness();

    [GeneratedRegex(@"^SC[0-9]{14}$")]
    private static partial Regex FoodProduction();
}
