using System.Linq.Expressions;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Writes transcripts, feedback and bot state behind the conversation: a turn queues its changes and replies at once;
/// this service applies everything queued since its last write in one transaction. Shutdown drains the queue, so a
/// restart loses nothing; a crash loses at most the batch in flight. Singleton.
/// </summary>
public sealed partial class StorageWriter(IServiceScopeFactory scopes, ILogger<StorageWriter> logger) : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues changes to apply to a DbContext; they are saved with the next batch.</summary>
    public void Enqueue(Action<XiaoshenDbContext> apply)
    {
        if (!_queue.Writer.TryWrite(new Work(apply, null)))
        {
            throw new InvalidOperationException("The storage writer has stopped; nothing more can be saved.");
        }
    }

    /// <summary>Queues saving <paramref name="entity"/>: an insert the first time, an update after.</summary>
    /// <param name="entity">A detached entity whose fields may still change until the batch is written.</param>
    /// <param name="stored">Matches the stored row; asked of the database, not remembered, so a batch that failed and is retried one change at a time stays right.</param>
    public void Upsert<T>(T entity, Expression<Func<T, bool>> stored)
        where T : class => Enqueue(db =>
    {
        if (db.Entry(entity).State != EntityState.Detached)
        {
            return;
        }

        if (db.Set<T>().AsNoTracking().Any(stored))
        {
            db.Set<T>().Update(entity);
        }
        else
        {
            db.Set<T>().Add(entity);
        }
    });

    /// <summary>Completes once everything queued before the call is saved.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Work(null, done)) ? done.Task : Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    // The loop ends when the queue is completed and empty, not when the host cancels, so shutdown drains it.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Work>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            await SaveAsync(batch);
            batch.Clear();
        }
    }

    private async Task SaveAsync(List<Work> batch)
    {
        try
        {
            if (!await TrySaveAsync(batch) && batch.Count > 1)
            {
                // One bad change must not cost the others: save them one by one.
                foreach (var work in batch)
                {
                    await TrySaveAsync([work]);
                }
            }
        }
        finally
        {
            foreach (var work in batch)
            {
                work.Flushed?.TrySetResult();
            }
        }
    }

    private async Task<bool> TrySaveAsync(IReadOnlyList<Work> works)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            foreach (var work in works)
            {
                work.Apply?.Invoke(db);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            LogBatchFailed(works.Count, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save a batch of {Count} storage changes")]
    private partial void LogBatchFailed(int count, Exception exception);

    private sealed record Work(Action<XiaoshenDbContext>? Apply, TaskCompletionSource? Flushed);
}
