namespace Xiaoshen.Knowledge.Search;

/// <summary>A ranked matter for a question.</summary>
/// <param name="MatterId">The matter.</param>
/// <param name="MatterName">Its name.</param>
/// <param name="Score">Lucene score after kind weights (higher is better; comparable within one question only).</param>
/// <param name="Confidence">Calibrated probability that this is the matter asked about, 0–1.</param>
/// <param name="FaqNumber">The best-matching FAQ of the matter, or null.</param>
/// <param name="MatchedText">The name, alias or question that matched best.</param>
public sealed record SearchHit(string MatterId, string MatterName, double Score, double Confidence, int? FaqNumber, string MatchedText);
