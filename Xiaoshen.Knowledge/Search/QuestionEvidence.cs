using Xiaoshen.Knowledge.Learning;

namespace Xiaoshen.Knowledge.Search;

/// <summary>What the engine found for one question before deciding.</summary>
/// <param name="Lucene">Lucene's ranking.</param>
/// <param name="Model">What the matter and scope models say.</param>
/// <param name="Fused">The candidates from both, with their fused probabilities, best first.</param>
/// <param name="Excluded">Matters the question rules out (不是…, …已经办好了).</param>
/// <param name="Known">Share of the question's wording the content knows at all, 0–1.</param>
internal sealed record QuestionEvidence(List<MatterCandidate> Lucene, ModelPrediction Model, List<FusedCandidate> Fused, IReadOnlySet<string> Excluded, double Known)
{
    public static QuestionEvidence Empty { get; } = new([], ModelPrediction.None, [], new HashSet<string>(), 0);

    /// <summary>The <see cref="ConfidenceFeatures"/> of the best candidate.</summary>
    public float[] ConfidenceFeatures => CandidateFusion.Confidence(Fused, Model, Known);
}
