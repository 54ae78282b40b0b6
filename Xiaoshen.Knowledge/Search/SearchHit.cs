namespace Xiaoshen.Knowledge.Search;

/// <summary>A ranked matter for a question.</summary>
/// <param name="MatterId">The matter.</param>
/// <param name="MatterName">Its name.</param>
/// <param name="Score">Lucene score after kind weights (comparable within one question only; 0 when only the matter model found it).</param>
/// <param name="Confidence">The fusion model's probability that this is the matter asked about, 0–1; hits are ordered by it.</param>
/// <param name="FaqNumber">The best-matching FAQ of the matter, or null.</param>
/// <param name="MatchedText">The name, alias or question that matched best.</param>
public sealed record SearchHit(string MatterId, string MatterName, double Score, double Confidence, int? FaqNumber, string MatchedText);
