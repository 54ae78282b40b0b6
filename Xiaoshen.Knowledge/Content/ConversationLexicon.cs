namespace Xiaoshen.Knowledge.Content;

/// <summary>A chit-chat intent from <c>chitchat.yaml</c>.</summary>
/// <param name="Name">Intent name, e.g. <c>greeting</c>.</param>
/// <param name="Examples">Things people say.</param>
/// <param name="Answers">Replies; one is chosen.</param>
public sealed record ChitchatIntent(string Name, IReadOnlyList<string> Examples, IReadOnlyList<string> Answers);

/// <summary>The conversational language of <c>chitchat.yaml</c>: chit-chat, ways of asking for a human, and section cue words.</summary>
/// <param name="Intents">Chit-chat intents.</param>
/// <param name="HumanPhrases">Phrases that ask for a person (转人工, 人工客服…).</param>
/// <param name="SectionCues">Words that ask about one section (材料 → 申请材料…).</param>
/// <param name="OtherPlaces">Other cities and provinces: a question about them is not answered with Shanghai's rules.</param>
/// <param name="CrossRegion">Words that make a mention of another place legitimate (上海, 转入, 异地…); single characters count only as whole words.</param>
/// <param name="Frustration">Phrases that show frustration (气死了, 太慢了); they trigger an offer of a human.</param>
public sealed record ConversationLexicon(
    IReadOnlyList<ChitchatIntent> Intents,
    IReadOnlyList<string> HumanPhrases,
    IReadOnlyDictionary<SectionKind, IReadOnlyList<string>> SectionCues,
    IReadOnlyList<string> OtherPlaces,
    IReadOnlyList<string> CrossRegion,
    IReadOnlyList<string> Frustration)
{
    /// <summary>
    /// Ways of asking how to get a matter done (怎么办, 如何办理, 怎么领): a question made of a matter's name and only these
    /// is answered with the matter's overview.
    /// </summary>
    public IReadOnlyList<string> OverviewPhrases { get; init; } = [];

    /// <summary>
    /// Ways of asking about an amount (多少钱, 标准, 能拿多少): in a matter that charges nothing, such a question asks about
    /// money the person receives or pays in (an allowance, a contribution), and an FAQ that asks an amount answers it.
    /// </summary>
    public IReadOnlyList<string> AmountCues { get; init; } = [];

    /// <summary>An empty lexicon.</summary>
    public static ConversationLexicon Empty { get; } = new([], [], new Dictionary<SectionKind, IReadOnlyList<string>>(), [], [], []);
}
