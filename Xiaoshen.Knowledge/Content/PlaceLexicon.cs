namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// The editors' place language from <c>places.yaml</c>: how to answer a question about another place, which Shanghai
/// matters help from this side, and the short forms the built-in division data lacks.
/// </summary>
/// <param name="Reply">The answer for another place in mainland China; <c>{地点}</c> is replaced by the place named.</param>
/// <param name="ReplyAbroad">The answer for Hong Kong, Macao, Taiwan or a foreign country.</param>
/// <param name="BridgeIntro">The sentence before the buttons of Shanghai matters that help from this side.</param>
/// <param name="Bridges">Shanghai matters that can help with a situation involving another place (异地就医备案…).</param>
/// <param name="AbroadMatters">Matters about going abroad (护照, 港澳通行证): a question that clearly asks for one is answered.</param>
/// <param name="ShortForms">Colloquial surfaces (深户, 京牌) and the place each names.</param>
/// <param name="Abbreviations">One-character province abbreviations, counted before 户/牌/籍 or a plate letter (粤b).</param>
/// <param name="Shanghai">Shanghai names beyond the built-in districts, towns and streets (陆家嘴, 南京路).</param>
/// <param name="Ambiguous">Short place names that are also common words: only their full name (带县、区、市) counts.</param>
public sealed record PlaceLexicon(
    string Reply,
    string ReplyAbroad,
    string BridgeIntro,
    IReadOnlyList<string> Bridges,
    IReadOnlyList<string> AbroadMatters,
    IReadOnlyDictionary<string, string> ShortForms,
    IReadOnlyDictionary<string, string> Abbreviations,
    IReadOnlyList<string> Shanghai,
    IReadOnlyList<string> Ambiguous)
{
    /// <summary>
    /// Common phrases that hold a place name across their words (保定 in 医保定点): no place starts inside one. Not a
    /// constructor parameter, so a build stored before it existed still loads (with none).
    /// </summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>
    /// Documents that a place abroad issues to its own people (护照, 身份证): written right after the place (香港护照, 美国护照),
    /// they are that place's, so the question is about that place even though Shanghai issues passports too. Not a
    /// constructor parameter, so a build stored before it existed still loads (with none).
    /// </summary>
    public IReadOnlyList<string> OwnDocuments { get; init; } = [];

    /// <summary>The placeholder replaced by the place's name in <see cref="Reply"/> and <see cref="ReplyAbroad"/>.</summary>
    public const string PlacePlaceholder = "{地点}";

    /// <summary>No place language: other places are still recognised from the built-in data, with an empty reply.</summary>
    public static PlaceLexicon Empty { get; } = new(
        string.Empty, string.Empty, string.Empty, [], [], new Dictionary<string, string>(), new Dictionary<string, string>(), [], []);
}
