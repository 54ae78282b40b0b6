using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Xiaoshen.Knowledge.Learning;

/// <summary>
/// A trained ML.NET text model (matter classifier or scope classifier) over prepared question text: SmartCn words and
/// their bigrams plus character uni- and bigrams. Prediction engines are not thread-safe, so each call rents one from a
/// pool. Thread-safe; the instance owns nothing that needs disposing beyond the pool's engines.
/// </summary>
internal sealed class TextModel<TExample, TOutput>
    where TExample : class, new()
    where TOutput : class, new()
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly ConcurrentBag<PredictionEngine<TExample, TOutput>> _engines = [];

    public TextModel(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        var engine = Rent();
        SlotNames = ReadSlotNames(engine.OutputSchema);
        Return(engine);
    }

    /// <summary>For the matter model: the matter id of each score slot. Empty for the scope model.</summary>
    public IReadOnlyList<string> SlotNames { get; }

    public static TextFeaturizingEstimator.Options FeaturizerOptions() => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = true,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, UseAllLengths = true },
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    public TOutput Predict(TExample input)
    {
        var engine = Rent();
        try
        {
            return engine.Predict(input);
        }
        finally
        {
            Return(engine);
        }
    }

    public void Save(string path) => _ml.Model.Save(_model, _inputSchema, path);

    public static TextModel<TExample, TOutput> Load(MLContext ml, string path)
    {
        var model = ml.Model.Load(path, out var schema);
        return new TextModel<TExample, TOutput>(ml, model, schema);
    }

    private PredictionEngine<TExample, TOutput> Rent() =>
        _engines.TryTake(out var engine) ? engine : _ml.Model.CreatePredictionEngine<TExample, TOutput>(_model, _inputSchema);

    private void Return(PredictionEngine<TExample, TOutput> engine) => _engines.Add(engine);

    private static string[] ReadSlotNames(DataViewSchema schema)
    {
        var score = schema.GetColumnOrNull("Score");
        if (score is not { } column || column.Type is not VectorDataViewType { Size: > 1 } || !column.HasSlotNames())
        {
            return [];
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
