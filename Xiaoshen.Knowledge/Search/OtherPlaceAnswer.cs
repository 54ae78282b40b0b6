namespace Xiaoshen.Knowledge.Search;

/// <summary>The honest answer to a question about another place, from the editors' <c>places.yaml</c>.</summary>
/// <param name="Place">The place named (洛阳市, 广东省, 美国).</param>
/// <param name="Reply">What to say: Xiaoshen serves Shanghai, and where to ask instead; empty when the content has no wording.</param>
/// <param name="BridgeIntro">The sentence before <paramref name="Offered"/>; empty when nothing is offered.</param>
/// <param name="Offered">Shanghai matters that help from this side (异地就医备案 for someone moving to 成都), best first; may be empty.</param>
public sealed record OtherPlaceAnswer(string Place, string Reply, string BridgeIntro, IReadOnlyList<SearchHit> Offered);
