namespace Xiaoshen.Knowledge.Learning;

/// <summary>
/// The evidence the confidence model weighs for a question's best candidate: how far the fusion ranking puts it ahead,
/// how well the content covers the question, what the matter and scope models say, and how much of the question's
/// wording the content knows at all (a question about bank passwords shares few words with any matter). All values 0–1.
/// </summary>
internal static class ConfidenceFeatures
{
    public const int Count = 11;

    public const int Fused = 0;
    public const int FusedMargin = 1;
    public const int Coverage = 2;
    public const int MatterCoverage = 3;
    public const int Precision = 4;
    public const int ModelProbability = 5;
    public const int ModelBest = 6;
    public const int Scope = 7;
    public const int Agreement = 8;
    public const int Known = 9;

    /// <summary>1 when the question names the best candidate by its longest name or alias.</summary>
    public const int Named = 10;

    /// <summary>Short English names, used in the decision's <c>reason</c>.</summary>
    public static readonly string[] Names =
    [
        "ranking", "ranking margin", "coverage", "matter coverage", "precision", "matter model", "model best", "scope",
        "agreement", "known words", "named",
    ];
}
