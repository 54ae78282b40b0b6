using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Learning;

/// <summary>
/// The evidence the plausible-matters model weighs when the confidence in the best candidate is too low to answer or to
/// clarify: the <see cref="ConfidenceFeatures"/> of the best candidate, and how much of the fused ranking the two or three
/// buttons would hold between them. A question that describes a situation (我爸上个月走了，单位说家属能领一笔钱) seldom names
/// its matter, so its best candidate is unsure, but its top three often hold the right one. All values 0–1.
/// </summary>
internal static class PlausibleFeatures
{
    public const int Count = ConfidenceFeatures.Count + 3;

    /// <summary>The buttons' fused probabilities summed (capped at 1).</summary>
    public const int Mass = ConfidenceFeatures.Count;

    /// <summary>The second button's fused probability.</summary>
    public const int Second = ConfidenceFeatures.Count + 1;

    /// <summary>The question's length over <see cref="LongQuestion"/> characters (capped at 1): a situation is told, a topic is named.</summary>
    public const int Length = ConfidenceFeatures.Count + 2;

    private const double LongQuestion = 30;

    /// <summary>Short English names, used in the decision's <c>reason</c>.</summary>
    public static readonly string[] Names = [.. ConfidenceFeatures.Names, "buttons' mass", "second", "length"];

    /// <summary>The features of a question whose best candidate has <paramref name="confidence"/> features and whose buttons would be <paramref name="shown"/>, <paramref name="length"/> characters long (normalised).</summary>
    public static float[] Of(float[] confidence, IReadOnlyList<FusedCandidate> shown, int length)
    {
        var features = new float[Count];
        confidence.CopyTo(features, 0);
        features[Mass] = (float)Math.Min(1, shown.Sum(c => c.Probability));
        features[Second] = shown.Count > 1 ? (float)shown[1].Probability : 0;
        features[Length] = (float)Math.Min(1, length / LongQuestion);
        return features;
    }
}
