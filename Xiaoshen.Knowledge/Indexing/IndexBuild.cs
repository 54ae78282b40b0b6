using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Knowledge.Indexing;

/// <summary>What a build of the index is: its id, the content it came from and the thresholds calibrated for it.</summary>
public sealed record IndexBuild
{
    /// <summary>
    /// Build id, e.g. <c>3fa2c1d04b5e-9c0d1e</c> (<see cref="IdFor"/>): the same wherever and whenever the same content is
    /// built by the same engine, so every node of a deployment reports the same build. Recorded on every answer.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>The id of a build of content with hash <paramref name="contentHash"/> by <paramref name="engine"/>: 12 hex digits of the content hash, 6 of the engine.</summary>
    public static string IdFor(string contentHash, string engine) => $"{contentHash[..12]}-{engine[..Math.Min(engine.Length, 6)]}";

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
