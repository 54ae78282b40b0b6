using System.Globalization;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Booking;

/// <summary>A day and, when said, a half day, understood from natural Chinese (下周二上午, 明天下午三点以后).</summary>
public sealed record BookingTime(DateOnly? Date, HalfDay? Half)
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
        return date is null && half is null ? null : new BookingTime(date, half);
    }
}
