using Microsoft.ML;

namespace Xiaoshen.Knowledge.Learning;

/// <summary>
/// Featurised training rows held in memory, so that SDCA's passes (a few dozen, and as many convergence checks) read the
/// feature vectors instead of tokenising every text again. Read in the order the rows were given (the trainer's canonical
/// order; SDCA's shuffle is off), and not shuffleable. The cache belongs to a context of its own, so the training
/// context's random draws are not changed either.
/// </summary>
internal sealed class CachedFeatures : IDataView
{
    private readonly IDataView _cache;

    public CachedFeatures(IDataView features) => _cache = new MLContext(seed: ModelTrainer.Seed).Data.Cache(features);

    public bool CanShuffle => false;

    public DataViewSchema Schema => _cache.Schema;

    public long? GetRowCount() => _cache.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        _cache.GetRowCursor(columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded)];
}
