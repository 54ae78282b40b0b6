namespace Xiaoshen.Bot.Storage;

/// <summary>The database has not confirmed a write within <see cref="StorageOptions.CommitTimeoutSeconds"/>: nothing is answered until it does.</summary>
public sealed class StorageUnavailableException(TimeSpan waited)
    : Exception($"The database did not confirm the write within {waited.TotalSeconds:0} s.");
