namespace Xiaoshen.Knowledge.Learning;

/// <summary>
/// The evidence the fusion model weighs for one candidate matter: where Lucene ranked it and how well its phrasings cover
/// the question, what the matter model thinks of it, and whether the question is in scope at all. All values are 0–1.
/// </summary>
internal static class FusionFeatures
{
    public const int Count = 13;

    public const int LuceneRank = 0;
    public const int LuceneScore = 1;
    public const int Coverage = 2;
    public const int MatterCoverage = 3;
    public const int Precision = 4;
    public const int ModelProbability = 5;
    public const int ModelRank = 6;
    public const int ModelRelative = 7;
    public const int Scope = 8;
    public const int Agreement = 9;
    public const int LuceneMargin = 10;
    public const int ModelMargin = 11;

    /// <summary>1 when the question names this matter by its longest name or alias (居住证积分 names the points matter).</summary>
    public const int Named = 12;

    /// <summary>Short English names, used in the decision's <c>reason</c>.</summary>
    public static readonly string[] Names =
    [
        "lucene rank", "lucene score", "coverage", "matter coverage", "precision", "matter model", "model rank",
        "model relative", "scope", "agreement", "lucene margin", "model margin", "named",
    ];
}
