using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Search;

/// <summary>The conversation's answer to a question asked while a matter is current.</summary>
/// <param name="Matter">The matter to answer (the current one, or the one the question names).</param>
/// <param name="Clarify">True to ask whether the current matter's section or the new matter is meant.</param>
/// <param name="Asked">The section asked about, if any.</param>
/// <param name="Reason">Why, for the decision's reason.</param>
internal sealed record FollowUp(Matter Matter, bool Clarify, SectionKind? Asked, string Reason);
