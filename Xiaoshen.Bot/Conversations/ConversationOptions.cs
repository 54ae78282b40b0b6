using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Conversations;

/// <summary>Limits on what one message may cost, whatever the channel. Bound from <c>Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>Longest message Xiaoshen reads; a longer one is not analysed, and the person is asked to shorten it.</summary>
    [Range(100, 20_000)]
    public int MaxMessageCharacters { get; set; } = 2000;

    /// <summary>
    /// How much of a message entity recognition (numbers, dates, phone numbers) reads. Microsoft.Recognizers.Text has no
    /// cancellation and grows faster than linearly on runs of digits, so its input is bounded (200 characters of digits
    /// take about 0.1 s of a core; 2,000 took 5 s).
    /// </summary>
    [Range(20, 2000)]
    public int MaxRecognizedCharacters { get; set; } = 200;

    /// <summary>
    /// Time a turn may spend on analysis (entity recognition and the knowledge search) before it gives up politely. A
    /// backstop: with the bounds above, analysis takes milliseconds.
    /// </summary>
    [Range(50, 60_000)]
    public int AnalysisBudgetMilliseconds { get; set; } = 2000;
}
