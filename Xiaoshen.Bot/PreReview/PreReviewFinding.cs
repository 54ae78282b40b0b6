namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// One automatic finding, citing the document (and the photo, by its number) it is about. Values are stored masked
/// (identity numbers, people's names), so a finding may be logged or kept.
/// </summary>
public sealed record PreReviewFinding(FindingKind Kind)
{
    public string? Document { get; init; }

    /// <summary>The photo's number in the order they were sent (1-based).</summary>
    public int? Upload { get; init; }

    /// <summary>The field's Chinese name (有效期, 统一社会信用代码…).</summary>
    public string? Field { get; init; }

    public string? Value { get; init; }

    public string? OtherDocument { get; init; }

    public string? OtherField { get; init; }

    public string? OtherValue { get; init; }

    /// <summary>True for a finding that means the materials are not ready (not for 完整 or a staff check).</summary>
    public bool IsProblem => Kind is not (FindingKind.Complete or FindingKind.StaffCheck);
}
