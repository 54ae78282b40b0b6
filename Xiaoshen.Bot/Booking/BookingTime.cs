using System.Globalization;
using System.Text.RegularExpressions;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Booking;

/// <summary>
/// A day and, when said, a half day, understood from natural Chinese (下周二上午, 明天下午三点以后); or a month and day
/// that no calendar has (二月三十号), which the recognizer passes over in silence.
/// </summary>
public sealed partial record BookingTime(DateOnly? Date, HalfDay? Half, ImpossibleDay? Impossible = null)
{
    /// <summary>
    /// The first date or time Microsoft.Recognizers.Text finds in <paramref name="text"/> (through
    /// <see cref="EntityRecognizer"/>, relative to <paramref name="now"/> in Beijing time; of an ambiguous day such as
    /// 周四 the coming one). A time before noon is the morning, and so are the words <paramref name="morning"/>
    /// (上午) and <paramref name="afternoon"/> (下午) from the options. Null when neither a day nor a half day is said.
    /// </summary>
    public static BookingTime? Parse(string text, DateTimeOffset now, EntityRecognizer recognizer, string morning, string afternoon, CancellationToken cancellationToken)
    {
        DateOnly? date = null;
        HalfDay? half = null;
        foreach (var entity in recognizer.Recognize(text, now, cancellationToken).Where(e => e.Kind == "datetime"))
        {
            var value = entity.Value;
            if (date is null && value.Length >= 10 && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                date = day;
            }

            var clock = value.Length >= 19 && value[10] == ' ' ? value[11..19] : null;
            if (half is null && clock is not null && TimeOnly.TryParseExact(clock, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                half = time.Hour < 12 ? HalfDay.Morning : HalfDay.Afternoon;
            }
        }

        // 上午 alone resolves to a time range without a date, which the recognizer gives as a timex; the words decide.
        half ??= text.Contains(morning, StringComparison.Ordinal) ? HalfDay.Morning
            : text.Contains(afternoon, StringComparison.Ordinal) ? HalfDay.Afternoon
            : null;
        var impossible = ImpossibleDay.In(text, DateOnly.FromDateTime(now.ToOffset(WorkingCalendar.Offset).DateTime));
        return date is null && half is null && impossible is null ? null : new BookingTime(impossible is null ? date : null, half, impossible);
    }
}

/// <summary>A month and day said that the year does not have (2月30日, 4月31日, 13月1日, 2月29日 of a common year).</summary>
public sealed partial record ImpossibleDay(int Year, int Month, int Day)
{
    /// <summary>
    /// The first such day in <paramref name="text"/>, in digits or Chinese numerals, with 去年/今年/明年 or a year in digits;
    /// without a year, the coming one after <paramref name="today"/>. Null when every month and day said exists.
    /// </summary>
    public static ImpossibleDay? In(string text, DateOnly today)
    {
        foreach (Match match in MonthDay().Matches(text))
        {
            var month = Number(match.Groups["month"].Value);
            var day = Number(match.Groups["day"].Value);
            var year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture)
                : match.Groups["relative"].Success ? today.Year + RelativeYears[match.Groups["relative"].Value]
                : month < today.Month ? today.Year + 1 : today.Year;
            if (month is < 1 or > 12 || day < 1 || year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month))
            {
                return new ImpossibleDay(year, month, day);
            }
        }

        return null;
    }

    private static readonly Dictionary<string, int> RelativeYears = new(StringComparer.Ordinal)
    {
        ["前年"] = -2, ["去年"] = -1, ["今年"] = 0, ["明年"] = 1, ["后年"] = 2,
    };

    // 12, 十二, 二十九, 三十一, 两 (as the pattern takes them: digits, or up to 三十九 in numerals).
    private static int Number(string words)
    {
        if (int.TryParse(words, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return digits;
        }

        const string units = "零一二三四五六七八九";
        int Digit(string s) => s == "两" ? 2 : units.IndexOf(s, StringComparison.Ordinal);
        var ten = words.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return Digit(words);
        }

        var (tens, ones) = (words[..ten], words[(ten + 1)..]);
        return (tens.Length == 0 ? 1 : Digit(tens)) * 10 + (ones.Length == 0 ? 0 : Digit(ones));
    }

    [GeneratedRegex("(?:(?<year>[0-9]{4})年|(?<relative>前年|去年|今年|明年|后年))?(?<month>[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二两三四五六七八九])月(?<day>[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二两三四五六七八九])[日号]")]
    private static partial Regex MonthDay();
}
