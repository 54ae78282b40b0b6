using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace Xiaoshen.Knowledge.Learning;

/// <summary>
/// Trains the text models and the fusion model with ML.NET (no hand-written learner): SDCA maximum entropy for the
/// matter, SDCA logistic regression for the scope (negatives weighted up to balance the classes), L-BFGS logistic
/// regression for the fusion of Lucene and model evidence, the confidence and the plausible matters. Deterministic for a given input (fixed seed, one thread).
/// </summary>
internal static class ModelTrainer
{
    public const int Seed = 12;

    // SDCA runs until its relative duality gap is below the tolerance, within a cap of passes. Stopped early (12 passes,
    // measured in docs/quality.md, stops 40 and 41), the models depended on where training was cut off, so one new FAQ
    // moved 52 of 2,154 dev decisions. The scope model is binary and cheap, and its output moved with every added
    // negative until it was trained ten times closer (0.001: scope features p90 0.03 instead of 0.09); the matter model,
    // 105 classes, settles at 0.01, and 0.001 would triple the rebuild.
    private const int MatterIterations = 100;
    private const float MatterTolerance = 0.01f;
    private const int ScopeIterations = 300;
    private const float ScopeTolerance = 0.001f;

    // The L2 penalty is a fixed prior over the rows: divided by the row count, as SDCA's objective averages the loss over
    // the rows, so 2e-4 on the bundled content's ~6,000 rows and more on a small knowledge base, whose few phrasings would
    // otherwise make a model certain of every word. Not ML.NET's automatic L2, which also depends on the passes made.
    private const double L2TimesRows = 1.2;

    /// <summary>
    /// Trains on the examples in a canonical order (by a hash of each example, not the order of the content), with SDCA's
    /// shuffle off: one more FAQ adds one row where its hash puts it instead of reordering every row of a shuffle.
    /// </summary>
    public static QuestionModels TrainTextModels(IReadOnlyList<MatterExample> matters, IReadOnlyList<ScopeExample> scope)
    {
        var ml = new MLContext(seed: Seed);
        return new QuestionModels(
            TrainMatter(ml, Canonical(matters, m => $"{m.Label}\n{m.Text}")),
            TrainScope(ml, Canonical(scope, s => string.Create(CultureInfo.InvariantCulture, $"{s.Label}\n{s.Weight}\n{s.Text}"))));
    }

    /// <summary>FNV-1a over the characters: a hash that is the same on every run and machine (string.GetHashCode is randomised).</summary>
    public static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static float L2For(int rows) => (float)(L2TimesRows / Math.Max(rows, 1));

    // Sorting by the hash spreads the matters through the passes as a shuffle would; the key itself breaks ties.
    private static List<T> Canonical<T>(IEnumerable<T> examples, Func<T, string> key) =>
        [.. examples.Select(e => (Example: e, Key: key(e))).OrderBy(e => Fnv(e.Key)).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Example)];

    /// <summary>Fits the fusion (ranking) model; returns the weights (bias first) of its log-odds.</summary>
    public static double[] TrainFusion(IReadOnlyList<FusionExample> rows) =>
        TrainLogistic(new MLContext(seed: Seed), rows, FusionFeatures.Count);

    /// <summary>Fits the confidence model; returns the weights (bias first) of its log-odds.</summary>
    public static double[] TrainConfidence(IReadOnlyList<ConfidenceExample> rows) =>
        TrainLogistic(new MLContext(seed: Seed), rows, ConfidenceFeatures.Count);

    /// <summary>Fits the plausible-matters model; returns the weights (bias first) of its log-odds.</summary>
    public static double[] TrainPlausible(IReadOnlyList<PlausibleExample> rows) =>
        TrainLogistic(new MLContext(seed: Seed), rows, PlausibleFeatures.Count);

    private static double[] TrainLogistic<TRow>(MLContext ml, IReadOnlyList<TRow> rows, int count)
        where TRow : class
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            ExampleWeightColumnName = "Weight",
            L2Regularization = 0.01f,
            L1Regularization = 0,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        var linear = model.Model.SubModel;
        var weights = new double[count + 1];
        weights[0] = linear.Bias;
        for (var i = 0; i < count; i++)
        {
            weights[i + 1] = linear.Weights[i];
        }

        // The model's probability is a calibrated function of its raw score; fold that calibration into the weights so a
        // decision is one dot product and a sigmoid (and the per-feature contributions explain it exactly).
        var scored = model.Transform(data);
        var raw = scored.GetColumn<float>("Score").ToArray();
        var probability = scored.GetColumn<float>("Probability").ToArray();
        var (slope, offset) = FitLogit(raw, probability);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] *= slope;
        }

        weights[0] += offset;
        return weights;
    }

    private static TextModel<MatterExample, MatterScores> TrainMatter(MLContext ml, IReadOnlyList<MatterExample> examples)
    {
        var data = ml.Data.LoadFromEnumerable(examples);
        var featurizer = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(MatterExample.Label), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("Features", TextModel<MatterExample, MatterScores>.FeaturizerOptions(), nameof(MatterExample.Text)));
        var trainer = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "LabelKey",
            FeatureColumnName = "Features",
            MaximumNumberOfIterations = MatterIterations,
            ConvergenceTolerance = MatterTolerance,
            L2Regularization = L2For(examples.Count),
            Shuffle = false,
            NumberOfThreads = 1,
        });
        return new TextModel<MatterExample, MatterScores>(ml, Fit(data, featurizer, trainer), data.Schema);
    }

    private static TextModel<ScopeExample, ScopeScore> TrainScope(MLContext ml, IReadOnlyList<ScopeExample> examples)
    {
        var data = ml.Data.LoadFromEnumerable(examples);
        var featurizer = ml.Transforms.Text.FeaturizeText("Features", TextModel<ScopeExample, ScopeScore>.FeaturizerOptions(), nameof(ScopeExample.Text));
        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(ScopeExample.Label),
            FeatureColumnName = "Features",
            ExampleWeightColumnName = nameof(ScopeExample.Weight),
            MaximumNumberOfIterations = ScopeIterations,
            ConvergenceTolerance = ScopeTolerance,
            L2Regularization = L2For(examples.Count),
            Shuffle = false,
            NumberOfThreads = 1,
        });
        return new TextModel<ScopeExample, ScopeScore>(ml, Fit(data, featurizer, trainer), data.Schema);
    }

    // The featurizer fitted and the texts featurised once (see CachedFeatures), then the trainer on the features.
    private static ITransformer Fit<TFeatures, TPredictor>(IDataView data, IEstimator<TFeatures> featurizer, IEstimator<TPredictor> trainer)
        where TFeatures : class, ITransformer
        where TPredictor : class, ITransformer
    {
        var features = featurizer.Fit(data);
        var predictor = trainer.Fit(new CachedFeatures(features.Transform(data)));
        IEnumerable<ITransformer> steps = features is IEnumerable<ITransformer> chain ? chain : [features];
        return new TransformerChain<ITransformer>([.. steps, predictor]);
    }

    // Least squares of logit(p) on the raw score: exact for Platt calibration, identity when p = sigmoid(score).
    private static (double Slope, double Offset) FitLogit(float[] raw, float[] probability)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var p = Math.Clamp(probability[i], 1e-6, 1 - 1e-6);
            var y = Math.Log(p / (1 - p));
            n++;
            sx += raw[i];
            sy += y;
            sxx += raw[i] * (double)raw[i];
            sxy += raw[i] * y;
        }

        var denominator = (n * sxx) - (sx * sx);
        if (n < 2 || Math.Abs(denominator) < 1e-12)
        {
            return (1, 0);
        }

        var slope = ((n * sxy) - (sx * sy)) / denominator;
        return (slope, (sy - (slope * sx)) / n);
    }
}
