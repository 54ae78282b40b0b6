using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Which paragraph of a matter answers a question: one FAQ, one section, or the matter's overview; or none, when the question
/// asks what the matter's content does not state.
/// </summary>
/// <param name="Faq">The FAQ, when the answer is an FAQ.</param>
/// <param name="Section">The section, when the answer is a section.</param>
/// <param name="Overview">True when the question named the matter and asked nothing narrower.</param>
/// <param name="Why">A short English explanation for the decision's reason.</param>
internal sealed record ContentChoice(Faq? Faq, SectionKind? Section, bool Overview, string Why)
{
    /// <summary>What the question asks that the matter's content does not state (有效期), when no paragraph answers it.</summary>
    public string? Unstated { get; init; }
}
