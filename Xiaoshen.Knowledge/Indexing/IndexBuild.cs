using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Indexing;

/// <summary>What a build of the index is: its id, the content it came from and the thresholds calibrated for it.</summary>
public sealed record IndexBuild
{
    /// <summary>Build id, e.g. <c>20261126T174012Z-3fa2c1d0</c>; recorded on every answer.</summary>
    public required string Id { get; init; }

    /// <summary>Hash of the content folder the build was made from.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The engine (analysis, ranking, calibration code) that made the build; a new engine rebuilds even unchanged content.</summary>
    public string Engine { get; init; } = string.Empty;

    /// <summary>The engine of the running code.</summary>
    public static string CurrentEngine { get; } = typeof(IndexBuild).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>When the build was made (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Number of matters indexed.</summary>
    public required int Matters { get; init; }

    /// <summary>Number of FAQs indexed.</summary>
    public required int Faqs { get; init; }

    /// <summary>Number of Lucene documents.</summary>
    public required int Documents { get; init; }

    /// <summary>The confidence model and thresholds used by this build.</summary>
    public required Calibration Calibration { get; init; }
}
