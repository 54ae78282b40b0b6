namespace Xiaoshen.Bot.Storage;

/// <summary>Something that keeps people's data and deletes what is older than the retention period (the database, uploaded files).</summary>
public interface IRetentionTarget
{
    /// <summary>Deletes what was last written before <paramref name="cutoff"/>; returns how many rows or files went.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
