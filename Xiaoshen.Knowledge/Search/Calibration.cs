namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// The confidence model and decision thresholds of a build, fitted on the editors' dev set (<c>eval/dev.jsonl</c>) by
/// <c>kb train</c> or the index build. Confidence is a logistic model over ranking features; it estimates the
/// probability that the top matter is right.
/// </summary>
public sealed record Calibration
{
    /// <summary>Intercept and one weight per feature of <see cref="RankingFeatures.Vector"/>.</summary>
    public required double[] Weights { get; init; }

    /// <summary>Answer when confidence is at least this.</summary>
    public required double AnswerThreshold { get; init; }

    /// <summary>Below the answer threshold but at least this: ask which of the top matters is meant.</summary>
    public required double ClarifyThreshold { get; init; }

    /// <summary>Questions the thresholds were fitted on (0 for the built-in defaults).</summary>
    public int TrainedOn { get; init; }

    /// <summary>How the thresholds were chosen, for the build log.</summary>
    public string Note { get; init; } = string.Empty;

    /// <summary>Defaults used when there is no dev set; deliberately cautious.</summary>
    public static Calibration Default { get; } = new()
    {
        Weights = [-6.0, 5.0, 3.0, 1.5, 2.5, 0.4],
        AnswerThreshold = 0.7,
        ClarifyThreshold = 0.35,
        Note = "built-in defaults (no eval/dev.jsonl)",
    };

    /// <summary>The model's probability that the top matter is right.</summary>
    public double Confidence(RankingFeatures features)
    {
        var x = features.Vector;
        var z = Weights[0];
        for (var i = 0; i < x.Length && i + 1 < Weights.Length; i++)
        {
            z += Weights[i + 1] * x[i];
        }

        return 1.0 / (1.0 + Math.Exp(-z));
    }
}
