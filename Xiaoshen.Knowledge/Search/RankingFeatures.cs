namespace Xiaoshen.Knowledge.Search;

/// <summary>What the confidence model looks at for a ranked matter.</summary>
/// <param name="Coverage">Share of the question's (idf-weighted) bigrams found in the matter's best document, 0–1.</param>
/// <param name="MatterCoverage">Share found in any of the matter's matching names and questions, 0–1.</param>
/// <param name="Precision">Share of the best document's bigrams that the question contains, 0–1.</param>
/// <param name="Margin">1 − (second matter's score ÷ this matter's score), 0–1.</param>
/// <param name="LogScore">log(1 + Lucene score).</param>
public sealed record RankingFeatures(double Coverage, double MatterCoverage, double Precision, double Margin, double LogScore)
{
    /// <summary>The features in model order.</summary>
    public double[] Vector => [Coverage, MatterCoverage, Precision, Margin, LogScore];

    /// <summary>Feature count.</summary>
    public const int Count = 5;
}
