using System.Globalization;
using Xiaoshen.Knowledge.Evaluation;

namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// Fits the confidence model and the thresholds on the editors' dev set ("retraining"): a logistic regression from
/// ranking features to "the top matter is right", then the lowest answer threshold that keeps wrong answers and
/// answered out-of-scope questions under their targets, and a clarify threshold that keeps out-of-scope rejection high.
/// </summary>
internal static class Calibrator
{
    /// <summary>Wrong answers allowed on the dev set; below the 3 % product target to leave room for unseen questions.</summary>
    public const double TargetWrongRate = 0.02;

    /// <summary>Out-of-scope questions allowed to be answered.</summary>
    public const double TargetOosAnswerRate = 0.04;

    /// <summary>Out-of-scope questions allowed to be answered or clarified.</summary>
    public const double TargetOosNotRejectedRate = 0.07;

    private const int Iterations = 4000;
    private const double LearningRate = 0.5;
    private const double L2 = 0.001;

    public static Calibration Fit(KnowledgeSnapshot snapshot, IReadOnlyList<EvalQuestion> questions, KnowledgeSearch search)
    {
        var samples = new List<(double[] X, bool Correct, bool Oos)>();
        foreach (var question in questions.Where(q => q.Kind is EvalKind.Matter or EvalKind.Oos))
        {
            var prepared = snapshot.Preparer.Prepare(question.Question);
            if (snapshot.Intents.IsHumanRequest(prepared) || snapshot.Intents.OtherPlace(prepared) is not null)
            {
                continue;
            }

            var candidates = search.Rank(snapshot, prepared);
            var features = candidates.Count == 0 ? new RankingFeatures(0, 0, 0, 0, 0) : candidates[0].Features;
            var correct = question.Kind == EvalKind.Matter && candidates.Count > 0 && candidates[0].MatterId == question.MatterId;
            samples.Add((features.Vector, correct, question.Kind == EvalKind.Oos));
        }

        var matterCount = samples.Count(s => !s.Oos);
        var oosCount = samples.Count(s => s.Oos);
        if (matterCount < 20)
        {
            return Calibration.Default with { Note = $"built-in defaults (only {matterCount} matter questions in the dev set)" };
        }

        var weights = FitLogistic(samples.Select(s => (s.X, s.Correct)).ToList());
        var model = new Calibration { Weights = weights, AnswerThreshold = 1, ClarifyThreshold = 1 };
        var scored = samples.Select(s => (P: model.Confidence(Features(s.X)), s.Correct, s.Oos)).ToList();

        var answer = LowestThreshold(scored, t =>
            scored.Count(s => !s.Oos && !s.Correct && s.P >= t) <= TargetWrongRate * matterCount
            && scored.Count(s => s.Oos && s.P >= t) <= TargetOosAnswerRate * Math.Max(oosCount, 1));
        var clarify = Math.Min(answer, LowestThreshold(scored, t => scored.Count(s => s.Oos && s.P >= t) <= TargetOosNotRejectedRate * Math.Max(oosCount, 1)));

        var answeredCorrect = scored.Count(s => !s.Oos && s.Correct && s.P >= answer);
        var answeredWrong = scored.Count(s => !s.Oos && !s.Correct && s.P >= answer);
        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"fitted on {samples.Count} dev questions ({matterCount} matter, {oosCount} oos): answer >= {answer:0.000} gives {answeredCorrect * 1.0 / matterCount:0.000} right, {answeredWrong * 1.0 / matterCount:0.000} wrong; clarify >= {clarify:0.000}");
        return model with { AnswerThreshold = answer, ClarifyThreshold = clarify, TrainedOn = samples.Count, Note = note };
    }

    private static RankingFeatures Features(double[] x) => new(x[0], x[1], x[2], x[3], x[4]);

    // Scans thresholds from high to low; the constraints only get harder as the threshold falls.
    private static double LowestThreshold(List<(double P, bool Correct, bool Oos)> scored, Func<double, bool> feasible)
    {
        var best = 1.0;
        foreach (var t in scored.Select(s => s.P).Distinct().OrderDescending())
        {
            if (!feasible(t))
            {
                break;
            }

            best = t;
        }

        return best;
    }

    private static double[] FitLogistic(List<(double[] X, bool Y)> data)
    {
        var n = RankingFeatures.Count;
        var w = new double[n + 1];
        var gradient = new double[n + 1];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(gradient);
            foreach (var (x, y) in data)
            {
                var z = w[0];
                for (var i = 0; i < n; i++)
                {
                    z += w[i + 1] * x[i];
                }

                var error = (1.0 / (1.0 + Math.Exp(-z))) - (y ? 1 : 0);
                gradient[0] += error;
                for (var i = 0; i < n; i++)
                {
                    gradient[i + 1] += error * x[i];
                }
            }

            for (var i = 0; i <= n; i++)
            {
                var penalty = i == 0 ? 0 : L2 * w[i];
                w[i] -= LearningRate * ((gradient[i] / data.Count) + penalty);
            }
        }

        return w;
    }
}
