using Microsoft.Extensions.Options;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;
using Microsoft.Recognizers.Text.Number;
using Microsoft.Recognizers.Text.Sequence;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Finds numbers (六十 → 60), dates and times (明天下午三点) and phone numbers in Chinese messages with
/// Microsoft.Recognizers.Text. The models are built once; thread-safe.
/// </summary>
public sealed class EntityRecognizer(IOptions<ConversationOptions> options)
{
    private readonly NumberRecognizer _numbers = new(Culture.Chinese);
    private readonly DateTimeRecognizer _dates = new(Culture.Chinese);
    private readonly SequenceRecognizer _sequences = new(Culture.Chinese);

    /// <summary>
    /// The entities in the first <see cref="ConversationOptions.MaxRecognizedCharacters"/> characters of
    /// <paramref name="text"/>; dates are resolved relative to <paramref name="now"/> (Beijing time). The recognizers
    /// cannot be interrupted, so <paramref name="cancellationToken"/> is checked between them.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before the last recognizer ran.</exception>
    public IReadOnlyList<RecognizedEntity> Recognize(string text, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        // issue 11: 30,000 characters took 159 s of a core here. Bounded input bounds the time.
        var max = options.Value.MaxRecognizedCharacters;
        var bounded = text.Length > max ? text[..max] : text;
        var entities = new List<RecognizedEntity>();
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var phone in _sequences.GetPhoneNumberModel().Parse(bounded))
        {
            // Entities are remembered in the dialog state, which is stored: the number only masked (issue 11).
            entities.Add(new RecognizedEntity("phonenumber", PersonalData.Mask(phone.Text), PersonalData.Mask(Value(phone))));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var reference = now.ToOffset(TimeSpan.FromHours(8)).DateTime;
        foreach (var date in _dates.GetDateTimeModel().Parse(bounded, reference))
        {
            entities.Add(new RecognizedEntity("datetime", date.Text, Value(date)));
        }

        // Phone and ID digits also parse as numbers; those are not amounts or ages.
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var number in _numbers.GetNumberModel().Parse(bounded).Where(n => !PersonalData.Contains(n.Text)))
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
