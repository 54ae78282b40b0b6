namespace Xiaoshen.Knowledge.Content;

/// <summary>One check of a pre-review checklist and what it applies to.</summary>
public sealed record PreReviewRule(PreReviewRuleKind Kind, IReadOnlyList<PreReviewTarget> Targets);
