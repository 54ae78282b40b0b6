namespace Xiaoshen.Bot.PreReview;

/// <summary>The fields read from one photo of a document.</summary>
/// <param name="Fields">One entry per field the checklist asks to be visible, in its order.</param>
/// <param name="ValidUntil">The last valid day, when a validity was read; null for none or long-term.</param>
/// <param name="LongTerm">True when the validity reads 长期 (no end).</param>
public sealed record DocumentReading(IReadOnlyList<FieldValue> Fields, DateOnly? ValidUntil, bool LongTerm)
{
    public FieldValue? Find(Knowledge.Content.PreReviewField field) => Fields.FirstOrDefault(f => f.Field == field);
}
