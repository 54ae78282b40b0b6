using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.PreReview;

/// <summary>What was read for one field of a document.</summary>
/// <param name="Field">The field.</param>
/// <param name="Value">The value as read (digits cleaned for numbers); null when it could not be seen.</param>
/// <param name="Line">The index of the OCR line it was read from, for highlighting; null when none (a seal).</param>
public sealed record FieldValue(PreReviewField Field, string? Value, int? Line)
{
    public bool IsVisible => Value is not null;
}
