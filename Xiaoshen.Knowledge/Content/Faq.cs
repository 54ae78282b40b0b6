namespace Xiaoshen.Knowledge.Content;

/// <summary>One question under 常见问题.</summary>
/// <param name="MatterId">The matter the FAQ belongs to.</param>
/// <param name="Number">1-based position in the file; <c>matter-id#Number</c> is its reference.</param>
/// <param name="Question">The question heading.</param>
/// <param name="Alternatives">Other phrasings (也问).</param>
/// <param name="Answer">The answer as Markdown.</param>
/// <param name="FollowUps">References to related FAQs or matters (相关), resolved to <c>matter-id</c> or <c>matter-id#N</c>.</param>
/// <param name="Line">1-based line of the question heading.</param>
/// <param name="FollowUpLine">1-based line of the 相关 line, or 0.</param>
public sealed record Faq(
    string MatterId,
    int Number,
    string Question,
    IReadOnlyList<string> Alternatives,
    string Answer,
    IReadOnlyList<string> FollowUps,
    int Line,
    int FollowUpLine = 0)
{
    /// <summary>The reference other files use: <c>matter-id#N</c>.</summary>
    public string Id => $"{MatterId}#{Number}";
}
