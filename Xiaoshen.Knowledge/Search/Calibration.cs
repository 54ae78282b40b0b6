using Xiaoshen.Knowledge.Learning;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// The fusion and confidence models and the decision thresholds of a build, fitted by <c>kb train</c> or the index build
/// on the editors' dev sets (<c>eval/dev.jsonl</c>, <c>eval/real-dev.jsonl</c>). Both are logistic regressions trained with
/// ML.NET: the fusion model ranks the candidate matters of a question from Lucene and matter-model evidence; the
/// confidence model gives the probability that the best of them is the matter asked about, weighing the ranking, the
/// scope model and how well the content knows the question's words. A third, the plausible-matters model, says for a
/// question below the clarify threshold whether its top three matters hold the right one. Immutable.
/// </summary>
public sealed record Calibration
{
    /// <summary>Fusion (ranking) model: intercept and one weight per fusion feature (log-odds).</summary>
    public required double[] Weights { get; init; }

    /// <summary>Confidence model: intercept and one weight per confidence feature (log-odds).</summary>
    public required double[] ConfidenceWeights { get; init; }

    /// <summary>Answer when the confidence in the best candidate is at least this.</summary>
    public required double AnswerThreshold { get; init; }

    /// <summary>Below the answer threshold but at least this: ask which of the top three is meant.</summary>
    public required double ClarifyThreshold { get; init; }

    /// <summary>
    /// Below the answer threshold but at least this, with a single plausible candidate: ask "您想问的是…吗？" with its one
    /// button. Fitted apart from <see cref="ClarifyThreshold"/>; 1 (never) in a build from before it.
    /// </summary>
    public double SingleClarifyThreshold { get; init; } = 1;

    /// <summary>
    /// Plausible-matters model: intercept and one weight per <see cref="PlausibleFeatures"/> (log-odds that the buttons of a
    /// question below <see cref="ClarifyThreshold"/> hold the right matter). Empty when the build has none.
    /// </summary>
    public double[] PlausibleWeights { get; init; } = [];

    /// <summary>Below the clarify threshold, still offer the two or three plausible matters when the plausible-matters model says at least this.</summary>
    public double PlausibleThreshold { get; init; } = 1;

    /// <summary>
    /// The answer and clarify thresholds for a question asked in English (<see cref="Analysis.PreparedText.IsEnglish"/>),
    /// chosen on the English dev questions alone: the content is Chinese, so English questions are answered wrong at
    /// confidences where Chinese ones are not, and pooled with the Chinese ones they held every threshold up. Null when the dev
    /// sets hold too few English questions; the thresholds above serve them then.
    /// </summary>
    public LanguageThresholds? English { get; init; }

    /// <summary>Questions the model and thresholds were fitted on (0 for the built-in defaults).</summary>
    public int TrainedOn { get; init; }

    /// <summary>How the model and thresholds were chosen, for the build log and <c>kb train</c>.</summary>
    public string Note { get; init; } = string.Empty;

    /// <summary>Defaults used when there is no dev set: Lucene coverage and the matter model must agree; deliberately cautious.</summary>
    public static Calibration Default { get; } = new()
    {
        // bias, lucene rank, lucene score, coverage, matter coverage, precision, matter model, model rank, model relative,
        // scope, agreement, lucene margin, model margin, named
        Weights = [-7.0, 1.0, 0.5, 2.0, 2.5, 1.0, 2.0, 0.5, 0.5, 1.5, 1.0, 1.0, 0.5, 1.0],

        // bias, ranking, ranking margin, coverage, matter coverage, precision, matter model, model best, scope, agreement, known,
        // named
        ConfidenceWeights = [-8.0, 3.0, 2.0, 2.0, 2.5, 1.0, 1.5, 0.5, 2.0, 1.0, 2.0, 1.0],
        AnswerThreshold = 0.7,
        ClarifyThreshold = 0.35,
        Note = "built-in defaults (no eval/dev.jsonl)",
    };

    /// <summary>The calibration that decides <paramref name="question"/>: with the English thresholds for a question asked in English.</summary>
    internal Calibration For(Analysis.PreparedText question) =>
        question.IsEnglish && English is { } english
            ? this with { AnswerThreshold = english.Answer, ClarifyThreshold = english.Clarify, SingleClarifyThreshold = english.SingleClarify }
            : this;

    /// <summary>The fusion model's probability that a candidate with these <see cref="FusionFeatures"/> is the matter asked about.</summary>
    internal double Fuse(float[] features) => Sigmoid(LogOdds(Weights, features));

    /// <summary>The confidence model's probability that the best candidate (described by <see cref="ConfidenceFeatures"/>) is right.</summary>
    internal double Confidence(float[] features) => Sigmoid(LogOdds(ConfidenceWeights, features));

    /// <summary>
    /// True when a question below the answer threshold is asked which matter it means: with two or three buttons from
    /// <see cref="ClarifyThreshold"/>, with one from <see cref="SingleClarifyThreshold"/>.
    /// </summary>
    internal bool Clarifies(double confidence, int buttons) =>
        buttons > 0 && confidence < AnswerThreshold && confidence >= (buttons >= 2 ? ClarifyThreshold : SingleClarifyThreshold);

    /// <summary>The plausible-matters model's probability that the buttons (described by <see cref="PlausibleFeatures"/>) hold the right matter; 0 without the model.</summary>
    internal double Plausible(float[] features) => PlausibleWeights.Length == 0 ? 0 : Sigmoid(LogOdds(PlausibleWeights, features));

    /// <summary>The confidence features that pushed the decision most, strongest first: name, value and contribution to the log-odds.</summary>
    internal IEnumerable<(string Name, float Value, double Contribution)> Reasons(float[] features) =>
        Reasons(features, ConfidenceWeights, ConfidenceFeatures.Names);

    /// <summary>The same for the plausible-matters model.</summary>
    internal IEnumerable<(string Name, float Value, double Contribution)> PlausibleReasons(float[] features) =>
        Reasons(features, PlausibleWeights, PlausibleFeatures.Names);

    private static IEnumerable<(string Name, float Value, double Contribution)> Reasons(float[] features, double[] weights, string[] names) =>
        features.Select((value, i) => (Name: names[i], Value: value, Contribution: i + 1 < weights.Length ? weights[i + 1] * value : 0))
            .OrderByDescending(r => Math.Abs(r.Contribution));

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static double LogOdds(double[] weights, float[] features)
    {
        var z = weights[0];
        for (var i = 0; i < features.Length && i + 1 < weights.Length; i++)
        {
            z += weights[i + 1] * features[i];
        }

        return z;
    }
}

/// <summary>Answer and clarify thresholds of one language's questions (see <see cref="Calibration.English"/>).</summary>
/// <param name="Answer">Answer from this confidence.</param>
/// <param name="Clarify">Below <paramref name="Answer"/> but at least this, with two or three buttons: ask which is meant.</param>
/// <param name="SingleClarify">The same with one button.</param>
/// <param name="TrainedOn">The out-of-fold dev questions they were chosen on.</param>
public sealed record LanguageThresholds(double Answer, double Clarify, double SingleClarify, int TrainedOn);
