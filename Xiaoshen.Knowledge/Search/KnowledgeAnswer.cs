using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Knowledge.Search;

/// <summary>The decision for one question, with everything needed to act on it and to explain it.</summary>
public sealed record KnowledgeAnswer
{
    // A fallback still shows the matters the ranking found close enough to be worth a tap ("您可能想问下面这些事项").
    // A fusion probability: 0.1 while the text models stopped after 12 passes; the converged models spread the ranking's
    // probabilities lower, and 0.05 shows buttons to as many out-of-scope questions of real-dev as 0.1 did before (65 of
    // 348) while more matter questions get theirs (docs/quality.md, stop 41).
    private const double ClosestMatterMinConfidence = 0.05;
    private const int ClosestMattersOffered = 3;

    /// <summary>What to do.</summary>
    public required Decision Decision { get; init; }

    /// <summary>Why, in a short English phrase for logs and editors (e.g. <c>confidence 0.93 ≥ 0.71</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>The matter answered (Answer), or the best guess (other decisions), or null.</summary>
    public Matter? Matter { get; init; }

    /// <summary>The FAQ answered, when the answer is an FAQ.</summary>
    public Faq? Faq { get; init; }

    /// <summary>The section answered, when the answer is a section.</summary>
    public MatterSection? Section { get; init; }

    /// <summary>
    /// True when the answer is the matter's overview (what it is, who may apply, how): the question named the matter
    /// and asked nothing narrower, as a hot-matter button does.
    /// </summary>
    public bool IsOverview { get; init; }

    /// <summary>
    /// For a clarify question asked in a conversation: the matter talked about so far, offered beside the new candidates
    /// with its <see cref="AskedSection"/> (the person may mean that matter's section or a new matter).
    /// </summary>
    public Matter? FollowUpOf { get; init; }

    /// <summary>
    /// For a clarify question: the confidence was too low to ask "which of these", but the plausible-matters model says the
    /// buttons likely hold the matter (a question that describes a situation rather than naming a matter).
    /// </summary>
    public bool OffersPlausibleMatters { get; init; }

    /// <summary>
    /// For a fallback: the question asked only a section (要带什么材料, 网上能办吗) while no matter was being talked about, so
    /// the person is asked which matter they mean; its <see cref="AskedSection"/> is what they asked.
    /// </summary>
    public bool NamesNoMatter { get; init; }

    /// <summary>
    /// For an answer: what the question asks that the matter's content does not state (有效期 of a 公积金 withdrawal), so the
    /// person is told that rather than shown a paragraph about something else. Null otherwise.
    /// </summary>
    public string? Unstated { get; init; }

    /// <summary>
    /// What was answered: an FAQ (<c>matter#3</c>), a section (<c>matter/Materials</c>), the overview (<c>matter/overview</c>),
    /// or that the content does not state it (<c>matter/unstated</c>); null otherwise.
    /// </summary>
    public string? ContentId => Decision != Decision.Answer || Matter is null ? null
        : Unstated is not null ? $"{Matter.Id}/unstated"
        : Faq is { } faq ? faq.Id
        : Section is { } section ? $"{Matter.Id}/{section.Kind}"
        : IsOverview ? $"{Matter.Id}/overview"
        : null;

    /// <summary>Calibrated confidence of the top matter, 0–1.</summary>
    public double Confidence { get; init; }

    /// <summary>Ranked matters, best first.</summary>
    public IReadOnlyList<SearchHit> Matters { get; init; } = [];

    /// <summary>
    /// The matters the person is shown as buttons: a clarify's candidates; for a fallback, the Shanghai matters offered
    /// beside a question about another place, or else up to three matters the ranking gives at least 0.1 confidence (none
    /// for a topic listed as not in the catalogue); none otherwise. What the channels show and what the evaluation counts as "helped".
    /// </summary>
    public IReadOnlyList<SearchHit> Offered => Decision switch
    {
        Decision.Clarify => Matters,
        Decision.Fallback when OtherPlace is { } place => place.Offered,
        Decision.Fallback when NamesNoMatter || OutOfScopeTopic is not null => [],
        Decision.Fallback => [.. Matters.Where(h => h.Confidence >= ClosestMatterMinConfidence).Take(ClosestMattersOffered)],
        _ => [],
    };

    /// <summary>The chit-chat intent, for <see cref="Decision.Chitchat"/>.</summary>
    public ChitchatIntent? Chitchat { get; init; }

    /// <summary>The section the question asked about (材料, 多久…), if any.</summary>
    public SectionKind? AskedSection { get; init; }

    /// <summary>True when the question is about another city or province and was not answered for that reason.</summary>
    public bool IsAboutOtherRegion { get; init; }

    /// <summary>For a question about another place: what to say and which Shanghai matters to offer; null otherwise.</summary>
    public OtherPlaceAnswer? OtherPlace { get; init; }

    /// <summary>
    /// For a question about a topic the editors listed as not in the catalogue (<c>out-of-scope.yaml</c>): that topic, for
    /// the logs; the person is told so, and no neighbouring matter is offered. Null otherwise.
    /// </summary>
    public string? OutOfScopeTopic { get; init; }

    /// <summary>True when the message sounds frustrated (气死了, 太慢了…), whatever else it asks.</summary>
    public bool IsFrustrated { get; init; }

    /// <summary>The index build that produced this answer.</summary>
    public required string BuildId { get; init; }
}
