using Xiaoshen.Knowledge.Learning;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Gathers the candidate matters of a question from both sources, Lucene's top five and the matter model's top three,
/// and describes each with the <see cref="FusionFeatures"/> the fusion model weighs. Stateless and thread-safe.
/// </summary>
internal static class CandidateFusion
{
    public const int LuceneCandidates = 5;
    public const int ModelCandidates = 3;

    /// <summary>How many matters the matter model is asked for (enough to know its view of every Lucene candidate).</summary>
    public const int ModelTop = 10;

    public static List<(MatterCandidate Candidate, float[] Features)> Candidates(
        KnowledgeSnapshot snapshot, List<MatterCandidate> lucene, ModelPrediction model, IReadOnlySet<string> excluded, Func<string, bool> isInForce, string? named)
    {
        var ranked = lucene.Where(c => !excluded.Contains(c.MatterId)).Take(LuceneCandidates).ToList();
        var modelRanked = model.Matters.Where(m => !excluded.Contains(m.MatterId) && isInForce(m.MatterId)).ToList();
        var topScore = ranked.Count > 0 ? ranked[0].Score : 0;
        var topProbability = modelRanked.Count > 0 ? modelRanked[0].Probability : 0;
        var modelMargin = modelRanked.Count > 1 ? topProbability - modelRanked[1].Probability : topProbability;
        var luceneTop = ranked.Count > 0 ? ranked[0].MatterId : null;
        var modelTop = modelRanked.Count > 0 ? modelRanked[0].MatterId : null;

        var ids = ranked.Select(c => c.MatterId).Concat(modelRanked.Take(ModelCandidates).Select(m => m.MatterId)).Distinct(StringComparer.Ordinal);
        var result = new List<(MatterCandidate, float[])>();
        foreach (var id in ids)
        {
            var rank = ranked.FindIndex(c => c.MatterId == id);
            var modelRank = modelRanked.FindIndex(m => m.MatterId == id);
            var candidate = rank >= 0 ? ranked[rank] : snapshot.NameCandidate(id);
            if (candidate is null)
            {
                continue;
            }

            var probability = modelRank >= 0 ? modelRanked[modelRank].Probability : 0;
            var features = new float[FusionFeatures.Count];
            features[FusionFeatures.LuceneRank] = rank >= 0 ? 1f / (1 + rank) : 0;
            features[FusionFeatures.LuceneScore] = rank >= 0 && topScore > 0 ? (float)(candidate.Score / topScore) : 0;
            features[FusionFeatures.Coverage] = (float)candidate.Features.Coverage;
            features[FusionFeatures.MatterCoverage] = (float)candidate.Features.MatterCoverage;
            features[FusionFeatures.Precision] = (float)candidate.Features.Precision;
            features[FusionFeatures.ModelProbability] = (float)probability;
            features[FusionFeatures.ModelRank] = modelRank >= 0 ? 1f / (1 + modelRank) : 0;
            features[FusionFeatures.ModelRelative] = topProbability > 0 ? (float)(probability / topProbability) : 0;
            features[FusionFeatures.Scope] = (float)model.Scope;
            features[FusionFeatures.Agreement] = id == luceneTop && id == modelTop ? 1 : 0;
            features[FusionFeatures.LuceneMargin] = rank == 0 ? (float)Math.Clamp(candidate.Features.Margin, 0, 1) : 0;
            features[FusionFeatures.ModelMargin] = id == modelTop ? (float)modelMargin : 0;
            features[FusionFeatures.Named] = id == named ? 1 : 0;
            result.Add((candidate, features));
        }

        return result;
    }

    /// <summary>The <see cref="ConfidenceFeatures"/> of the best of <paramref name="fused"/> (ordered best first).</summary>
    public static float[] Confidence(List<FusedCandidate> fused, ModelPrediction model, double known)
    {
        var features = new float[ConfidenceFeatures.Count];
        if (fused.Count == 0)
        {
            features[ConfidenceFeatures.Scope] = (float)model.Scope;
            features[ConfidenceFeatures.Known] = (float)known;
            return features;
        }

        var top = fused[0];
        features[ConfidenceFeatures.Fused] = (float)top.Probability;
        features[ConfidenceFeatures.FusedMargin] = (float)(top.Probability - (fused.Count > 1 ? fused[1].Probability : 0));
        features[ConfidenceFeatures.Coverage] = top.Features[FusionFeatures.Coverage];
        features[ConfidenceFeatures.MatterCoverage] = top.Features[FusionFeatures.MatterCoverage];
        features[ConfidenceFeatures.Precision] = top.Features[FusionFeatures.Precision];
        features[ConfidenceFeatures.ModelProbability] = top.Features[FusionFeatures.ModelProbability];
        features[ConfidenceFeatures.ModelBest] = model.Matters.Count > 0 ? (float)model.Matters[0].Probability : 0;
        features[ConfidenceFeatures.Scope] = (float)model.Scope;
        features[ConfidenceFeatures.Agreement] = top.Features[FusionFeatures.Agreement];
        features[ConfidenceFeatures.Named] = top.Features[FusionFeatures.Named];
        features[ConfidenceFeatures.Known] = (float)known;
        return features;
    }
}

/// <summary>A candidate matter with its fused probability of being the one asked about.</summary>
internal sealed record FusedCandidate(MatterCandidate Candidate, double Probability, float[] Features)
{
    public string MatterId => Candidate.MatterId;
}
