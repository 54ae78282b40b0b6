using Microsoft.ML;

namespace Xiaoshen.Knowledge.Learning;

/// <summary>
/// The two text models of a build: which matter a question is about (105-way maximum-entropy classifier) and whether a
/// catalogue matter answers it at all (logistic scope classifier). Stored in the build folder, loaded with it, swapped
/// with it. Thread-safe.
/// </summary>
internal sealed class QuestionModels
{
    public const string MatterFile = "matter-model.zip";
    public const string ScopeFile = "scope-model.zip";

    private readonly TextModel<MatterExample, MatterScores> _matter;
    private readonly TextModel<ScopeExample, ScopeScore> _scope;

    public QuestionModels(TextModel<MatterExample, MatterScores> matter, TextModel<ScopeExample, ScopeScore> scope)
    {
        _matter = matter;
        _scope = scope;
    }

    /// <summary>Matters the model can name.</summary>
    public IReadOnlyList<string> Matters => _matter.SlotNames;

    /// <summary>The matter probabilities (best first, at most <paramref name="top"/>) and the in-scope probability.</summary>
    public ModelPrediction Predict(string preparedText, int top)
    {
        var scores = _matter.Predict(new MatterExample { Text = preparedText }).Score;
        var names = _matter.SlotNames;
        var best = new List<(string MatterId, double Probability)>(top);
        foreach (var i in Enumerable.Range(0, Math.Min(scores.Length, names.Count)).OrderByDescending(i => scores[i]).Take(top))
        {
            best.Add((names[i], scores[i]));
        }

        var scope = _scope.Predict(new ScopeExample { Text = preparedText }).Probability;
        return new ModelPrediction(best, float.IsNaN(scope) ? 0 : scope);
    }

    public void Save(string folder)
    {
        _matter.Save(Path.Combine(folder, MatterFile));
        _scope.Save(Path.Combine(folder, ScopeFile));
    }

    /// <summary>Loads the models of a stored build; null when the build has none (built by an older engine).</summary>
    public static QuestionModels? Load(string folder)
    {
        var matter = Path.Combine(folder, MatterFile);
        var scope = Path.Combine(folder, ScopeFile);
        if (!File.Exists(matter) || !File.Exists(scope))
        {
            return null;
        }

        var ml = new MLContext(seed: ModelTrainer.Seed);
        return new QuestionModels(
            TextModel<MatterExample, MatterScores>.Load(ml, matter),
            TextModel<ScopeExample, ScopeScore>.Load(ml, scope));
    }
}

/// <summary>What the text models say about one question.</summary>
/// <param name="Matters">The likeliest matters with their probabilities, best first.</param>
/// <param name="Scope">Probability that a catalogue matter answers the question, 0–1.</param>
internal sealed record ModelPrediction(IReadOnlyList<(string MatterId, double Probability)> Matters, double Scope)
{
    public static ModelPrediction None { get; } = new([], 1);
}
