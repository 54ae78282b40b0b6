using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;
using Microsoft.Recognizers.Text.Number;
using Microsoft.Recognizers.Text.Sequence;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Finds numbers (六十 → 60), dates and times (明天下午三点) and phone numbers in Chinese messages with
/// Microsoft.Recognizers.Text. The models are built once; thread-safe.
/// </summary>
public sealed class EntityRecognizer
{
    private readonly NumberRecognizer _numbers = new(Culture.Chinese);
    private readonly DateTimeRecognizer _dates = new(Culture.Chinese);
    private readonly SequenceRecognizer _sequences = new(Culture.Chinese);

    /// <summary>The entities in <paramref name="text"/>; dates are resolved relative to <paramref name="now"/> (Beijing time).</summary>
    public IReadOnlyList<RecognizedEntity> Recognize(string text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var entities = new List<RecognizedEntity>();
        foreach (var phone in _sequences.GetPhoneNumberModel().Parse(text))
        {
            // Entities are remembered in the dialog state, which is stored: the number only masked (issue 11).
            entities.Add(new RecognizedEntity("phonenumber", PersonalData.Mask(phone.Text), PersonalData.Mask(Value(phone))));
        }

        var reference = now.ToOffset(TimeSpan.FromHours(8)).DateTime;
        foreach (var date in _dates.GetDateTimeModel().Parse(text, reference))
        {
            entities.Add(new RecognizedEntity("datetime", date.Text, Value(date)));
        }

        // Phone and ID digits also parse as numbers; those are not amounts or ages.
        foreach (var number in _numbers.GetNumberModel().Parse(text).Where(n => !PersonalData.Contains(n.Text)))
        {
            entities.Add(new RecognizedEntity("number", number.Text, Value(number)));
        }

        return entities;
    }

    private static string Value(ModelResult result)
    {
        if (result.Resolution is null)
        {
            return result.Text;
        }

        if (result.Resolution.TryGetValue("value", out var value) && value is not null)
        {
            return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? result.Text;
        }

        // An ambiguous date (周一上午) resolves to the past and the future one, in that order; people speak of plans, so the
        // last is meant. A range (上午) has a start rather than a value.
        if (result.Resolution.TryGetValue("values", out var values) && values is IEnumerable<Dictionary<string, string>> list
            && list.LastOrDefault() is { } meant)
        {
            return meant.TryGetValue("value", out var v) ? v
                : meant.TryGetValue("start", out var start) ? start
                : meant.TryGetValue("timex", out var timex) ? timex
                : result.Text;
        }

        return result.Text;
    }
}
