namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>What kind of question an evaluation line is.</summary>
public enum EvalKind
{
    /// <summary>Answered by a matter.</summary>
    Matter,

    /// <summary>Out of scope: no matter answers it.</summary>
    Oos,

    /// <summary>Asks for a person.</summary>
    Human,

    /// <summary>Small talk.</summary>
    Chitchat,

    /// <summary>A line with only <c>q</c>: answered and written to details, counted in no score.</summary>
    Unlabelled,
}

/// <summary>One line of an evaluation file (<c>{"q": …, "kind": …, "matter": …}</c>).</summary>
/// <param name="Question">The question text.</param>
/// <param name="Kind">The expected kind.</param>
/// <param name="MatterId">The expected matter for <see cref="EvalKind.Matter"/>.</param>
/// <param name="Line">1-based line in the file.</param>
public sealed record EvalQuestion(string Question, EvalKind Kind, string? MatterId, int Line)
{
    /// <summary>
    /// What kind of question it is beyond its label, for the per-kind report: <c>other-place</c>, <c>not-in-catalogue</c>,
    /// <c>everyday</c>, <c>contrast</c>, <c>typo</c>, <c>short</c>. Empty when the line has none.
    /// </summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The file the question was read from (<c>real-dev.jsonl</c>), empty when it was not read from a file.</summary>
    public string Set { get; init; } = string.Empty;

    /// <summary>
    /// True for a question somebody typed or published, whose line gives the web address it was copied from as its
    /// <c>source</c>; false for one the editors wrote (no source, or <c>written:…</c>).
    /// </summary>
    public bool IsReal { get; init; }

    /// <summary>True for a question about another place (tag <c>other-place</c>).</summary>
    public bool IsAboutOtherPlace => Tags.Contains(OtherPlaceTag);

    /// <summary>The tag of questions about another place.</summary>
    public const string OtherPlaceTag = "other-place";

    /// <summary>
    /// The paragraphs that answer the question, for the section-level set: FAQ ids (<c>matter#3</c>), sections
    /// (<c>matter/Materials</c>) or the overview (<c>matter/overview</c>); empty when not labelled.
    /// </summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    /// <summary>The matter of the previous answer in the conversation (<c>after</c>), for follow-up questions; null otherwise.</summary>
    public string? After { get; init; }
}
