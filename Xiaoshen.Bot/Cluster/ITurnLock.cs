namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// One turn at a time per conversation, on every node: a person who sends two messages quickly gets them answered in
/// order, and the second sees what the first remembered (the matter, a pending question), whichever nodes the load
/// balancer gave them to. In memory on one node; a Redis lease when several nodes run. Implementations are thread-safe.
/// </summary>
public interface ITurnLock
{
    /// <summary>Waits until no other turn of <paramref name="key"/> runs; disposing the result lets the next one in.</summary>
    Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken);
}
