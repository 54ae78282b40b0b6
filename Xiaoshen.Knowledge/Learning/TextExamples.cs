using Microsoft.ML.Data;

namespace Xiaoshen.Knowledge.Learning;

/// <summary>A training row of the matter model: prepared text and the matter it asks about.</summary>
internal sealed class MatterExample
{
    public string Text { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;
}

/// <summary>A training row of the scope model: prepared text, whether a catalogue matter answers it, and a class weight.</summary>
internal sealed class ScopeExample
{
    public string Text { get; set; } = string.Empty;

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;
}

/// <summary>What the matter model says: one score per matter, in the order of its slot names.</summary>
internal sealed class MatterScores
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}

/// <summary>What the scope model says: the probability that a catalogue matter answers the question.</summary>
internal sealed class ScopeScore
{
    [ColumnName("Probability")]
    public float Probability { get; set; }
}

/// <summary>A training row of the fusion (ranking) model: the features of one candidate matter and whether it is the right one.</summary>
internal sealed class FusionExample
{
    [VectorType(FusionFeatures.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;
}

/// <summary>A training row of the confidence model: the features of a question's best candidate and whether it is right.</summary>
internal sealed class ConfidenceExample
{
    [VectorType(ConfidenceFeatures.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;
}

/// <summary>A training row of the plausible-matters model: a question the engine would not answer, and whether its buttons hold the right matter.</summary>
internal sealed class PlausibleExample
{
    [VectorType(PlausibleFeatures.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;
}
