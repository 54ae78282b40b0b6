using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// The one place where conversations' writes reach the database. Turns, dialog state, channel logs and handoff records
/// are queued here and committed together, as many as are waiting, in one transaction (a group commit). Whoever must
/// not go on before its writes are stored awaits <see cref="FlushAsync"/>: a turn does so before its answer is sent.
/// Whoever only needs them readable (a notice to other nodes, a read of one's own writes) awaits
/// <see cref="CommittedAsync"/>: on PostgreSQL a batch is readable once committed, and the log's flush to disk, which
/// some disks stall for hundreds of milliseconds, is confirmed afterwards by a durable commit of its own on a second
/// thread (<see cref="StorageOptions.ReadBeforeFlush"/>). Nothing queued is dropped. A batch the database cannot take
/// now (disk full, connection lost) is retried until it is stored or the process stops, and /health reports the failure
/// meanwhile (<see cref="FailingSince"/>). A change the database refuses for good (a broken constraint) is taken out of
/// its batch and kept as a <see cref="DeadLetter"/>, so it cannot hold up the others. Singleton.
/// </summary>
public sealed partial class StorageWriter(IServiceScopeFactory scopes, IOptions<StorageOptions> options, IDatabaseLogFlush logFlush, TimeProvider time, ILogger<StorageWriter> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private const int SqliteTooBig = 18;
    private const int SqliteConstraint = 19;
    private const int SqliteMismatch = 20;
    private const int SqliteRange = 25;

    // A transaction committed so: readable at once, on disk with the log's next flush.
    private const string ReadBeforeFlushSql = "SET LOCAL synchronous_commit TO off";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReminderInterval = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions LetterJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Static: it belongs to a flow of calls, not to an instance; the writer is a singleton.
    private static readonly AsyncLocal<FlushDeferral?> Deferral = new();

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    // Waiters for durability whose batches are committed and readable, not yet known to be on disk.
    private readonly Channel<List<Work>> _unflushed = Channel.CreateUnbounded<List<Work>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _readBeforeFlush = options.Value.ReadBeforeFlush && options.Value.Provider == StorageProvider.Postgres;

    // Batches (and changes committed beside them) committed without waiting for the disk, and how many of them a flush
    // has since confirmed on it.
    private long _committed;
    private long _flushed;
    private readonly CancellationTokenSource _abandon = new();

    private int _waiting;
    private volatile Failure? _failure;

    /// <summary>Since when writes have been failing; null while they succeed.</summary>
    public DateTimeOffset? FailingSince => _failure?.Since;

    /// <summary>What the database said last time a write failed; null while writes succeed.</summary>
    public string? LastError => _failure?.Error;

    /// <summary>Changes queued and not yet stored.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Queues changes to apply to a DbContext; they are saved with the next batch.</summary>
    public void Enqueue(Action<XiaoshenDbContext> apply) => Enqueue(apply, null);

    /// <summary>Queues saving <paramref name="entity"/>: an insert the first time, an update after.</summary>
    /// <param name="entity">A detached entity whose fields may still change until the batch is written.</param>
    /// <param name="key">Its primary key. Whether it is stored is asked of the database with the batch's other upserts of its kind (<see cref="StoredRows"/>), not remembered, so a batch that failed and is retried one change at a time stays right.</param>
    public void Upsert<T, TKey>(T entity, TKey key)
        where T : class
        where TKey : notnull
    {
        var row = RowKey.Of<T, TKey>(key);
        Enqueue(
            db =>
            {
                if (db.Entry(entity).State != EntityState.Detached)
                {
                    return;
                }

                // The entity alone, not what it reaches: EF's fix-up puts every turn the writer inserts into the long-lived
                // conversation's Turns, and Update(conversation) then rewrote each of them on every save (one UPDATE per
                // turn). Turns are inserted on their own (ConversationStore.Append).
                db.Entry(entity).State = db.StoredRows.IsStored(db, row) ? EntityState.Modified : EntityState.Added;
            },
            row);
    }

    private void Enqueue(Action<XiaoshenDbContext> apply, RowKey? row)
    {
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(new Work(apply, null, row, false)))
        {
            Interlocked.Decrement(ref _waiting);
            throw new InvalidOperationException("The storage writer has stopped; nothing more can be saved.");
        }
    }

    /// <summary>
    /// Completes once everything queued before the call is committed (or, refused for good, kept as a dead letter).
    /// Throws <see cref="StorageUnavailableException"/> when the database has not confirmed it within
    /// <see cref="StorageOptions.CommitTimeoutSeconds"/>; the changes stay queued and are stored when it is back.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => WaitAsync(true, cancellationToken);

    /// <summary>
    /// Completes once everything queued before the call is committed and readable by every node, as
    /// <see cref="FlushAsync"/> but without waiting for the database's log to reach its disk (on SQLite, and with
    /// <see cref="StorageOptions.ReadBeforeFlush"/> off, the two are the same). Only a crash of the database server
    /// can lose such writes, and only if nobody has yet been told they are stored.
    /// </summary>
    public Task CommittedAsync(CancellationToken cancellationToken = default) => WaitAsync(false, cancellationToken);

    /// <summary>
    /// Until the returned scope is disposed, <see cref="FlushUnlessDeferredAsync"/> in this flow of calls (and the calls
    /// it makes) waits only until its writes are committed. For a caller that will itself <see cref="FlushAsync"/> before
    /// anyone is told of them: the writer stores in order, so that one wait for the disk covers them too. A web chat turn
    /// so waits for the disk once, after the answer is queued, instead of once for the state and once for the answer.
    /// </summary>
    public IDisposable DeferFlushes() => new FlushDeferral(Deferral);

    /// <summary>
    /// <see cref="FlushAsync"/>, or only <see cref="CommittedAsync"/> within <see cref="DeferFlushes"/>, where the caller
    /// flushes later.
    /// </summary>
    public Task FlushUnlessDeferredAsync(CancellationToken cancellationToken = default) =>
        Deferral.Value is { Deferred: true } ? CommittedAsync(cancellationToken) : FlushAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/>, a statement outside the writer's batches that must be answered at once (a
    /// conditional UPDATE), in a transaction of <paramref name="db"/> committed the way the writer commits them: readable
    /// by every node at once and, with <see cref="StorageOptions.ReadBeforeFlush"/>, on disk by the next
    /// <see cref="FlushAsync"/>, which whoever is then told of it waits for.
    /// </summary>
    public async Task<T> CommitBesideAsync<T>(XiaoshenDbContext db, Func<Task<T>> change, CancellationToken cancellationToken)
    {
        if (!_readBeforeFlush)
        {
            return await change();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(ReadBeforeFlushSql, cancellationToken);
        var result = await change();
        await transaction.CommitAsync(cancellationToken);
        Interlocked.Increment(ref _committed);
        return result;
    }

    private async Task WaitAsync(bool durable, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Work(null, done, null, durable)))
        {
            return;
        }

        var timeout = TimeSpan.FromSeconds(options.Value.CommitTimeoutSeconds);
        try
        {
            await done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new StorageUnavailableException(timeout);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();

        // Shutdown drains the queue; only when the host stops waiting are retries abandoned.
        await using var giveUp = cancellationToken.Register(_abandon.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    // Threads of their own, with synchronous database calls: a commit the turns are waiting for never queues behind
    // their own work in the thread pool. The loops end when their queues are completed and empty, not when the host
    // cancels, so shutdown drains them.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default),
        Task.Factory.StartNew(Flush, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    private void Run()
    {
        try
        {
            var batch = new List<Work>(MaxBatch);
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var work))
                {
                    batch.Add(work);
                }

                var changes = batch.Where(w => w.Apply is not null).ToList();
                var stored = Store(changes);
                if (stored && _readBeforeFlush && changes.Count > 0)
                {
                    Interlocked.Increment(ref _committed);
                }

                // Waiters for durability wait for the next flush only while a committed batch may not be on disk yet.
                var defer = stored && _readBeforeFlush && Volatile.Read(ref _committed) > Volatile.Read(ref _flushed);
                Complete(batch.Where(w => !(defer && w.Durable)), stored);
                var unflushed = defer ? batch.Where(w => w.Durable).ToList() : [];
                if (unflushed.Count > 0)
                {
                    _unflushed.Writer.TryWrite(unflushed);
                }

                batch.Clear();
                if (!stored)
                {
                    LogAbandoned(Waiting);
                    return;
                }
            }
        }
        finally
        {
            _unflushed.Writer.TryComplete();
        }
    }

    // Committed batches whose waiters need them on disk: one durable commit flushes the log up to it, so every batch
    // committed before it is durable too, however many are waiting.
    private void Flush()
    {
        var waiting = new List<Work>();
        while (_unflushed.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_unflushed.Reader.TryRead(out var works))
            {
                waiting.AddRange(works);
            }

            var upTo = Volatile.Read(ref _committed);
            var flushed = FlushLog();
            if (flushed)
            {
                Volatile.Write(ref _flushed, upTo);
            }

            Complete(waiting, flushed);
            waiting.Clear();
            if (!flushed)
            {
                return;
            }
        }
    }

    // False when the host gave up waiting.
    private bool FlushLog()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var scope = scopes.CreateScope();
                logFlush.Flush(scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>());
                Recovered();
                return true;
            }
            catch (Exception ex)
            {
                if (!WaitToRetry(ex, attempt))
                {
                    return false;
                }
            }
        }
    }

    private static void Complete(IEnumerable<Work> works, bool stored)
    {
        foreach (var work in works)
        {
            if (stored)
            {
                work.Done?.TrySetResult();
            }
            else
            {
                work.Done?.TrySetException(new StorageUnavailableException(TimeSpan.Zero));
            }
        }
    }

    // True once every change is stored or kept as a dead letter; false when the host gave up waiting.
    private bool Store(IReadOnlyList<Work> changes)
    {
        for (var attempt = 0; changes.Count > 0; attempt++)
        {
            var error = TrySave(changes);
            if (error is null)
            {
                Recovered();
                Interlocked.Add(ref _waiting, -changes.Count);
                return true;
            }

            if (!IsTransient(error))
            {
                // One bad change must not cost the others: store them one by one, and keep the bad one aside.
                if (changes.Count > 1)
                {
                    return changes.All(change => Store([change]));
                }

                if (!Quarantine(changes[0], error))
                {
                    return false;
                }

                Interlocked.Decrement(ref _waiting);
                return true;
            }

            if (!WaitToRetry(error, attempt))
            {
                return false;
            }
        }

        return true;
    }

    // The writer must outlive any error a change can cause, so every exception is caught and classified here.
    private Exception? TrySave(IReadOnlyList<Work> changes)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = Context(scope, changes);

            // One transaction for the batch: the numbers the database hands out while changes are applied
            // (DatabaseNumbers) are committed with the rows they number, or rolled back with them.
            using var transaction = db.Database.BeginTransaction();
            if (_readBeforeFlush)
            {
                db.Database.ExecuteSqlRaw(ReadBeforeFlushSql);
            }

            foreach (var change in changes)
            {
                change.Apply!(db);
            }

            db.SaveChanges();
            transaction.Commit();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static XiaoshenDbContext Context(IServiceScope scope, IReadOnlyList<Work> changes)
    {
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        db.StoredRows = new StoredRows(changes.Select(c => c.Row).OfType<RowKey>().ToList());
        return db;
    }

    private bool Quarantine(Work change, Exception error)
    {
        var letters = Letters(change, error);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
                db.DeadLetters.AddRange(letters);
                db.SaveChanges();
                foreach (var letter in letters)
                {
                    LogQuarantined(letter.Id, letter.Change, error);
                }

                return true;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                if (!WaitToRetry(ex, attempt))
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                LogLetterRefused(letters.Count, Describe(error), ex);
                return true;
            }
        }
    }

    // What the change would have written, entity by entity (masked when the letter is saved, like any stored text).
    private List<DeadLetter> Letters(Work change, Exception error)
    {
        var now = time.GetUtcNow();
        var reason = Describe(error);
        try
        {
            using var scope = scopes.CreateScope();
            var db = Context(scope, [change]);

            // Applying may take numbers from the database (DatabaseNumbers); never committed, they are handed out again.
            using var transaction = db.Database.BeginTransaction();
            change.Apply!(db);
            var letters = db.ChangeTracker.Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Select(e => new DeadLetter
                {
                    Id = Guid.NewGuid(),
                    At = now,
                    Change = $"{e.Metadata.ClrType.Name} {e.State}",
                    Json = JsonSerializer.Serialize(e.Properties.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue), LetterJson),
                    Error = reason,
                })
                .ToList();
            return letters.Count > 0 ? letters : [new DeadLetter { Id = Guid.NewGuid(), At = now, Change = "nothing", Error = reason }];
        }
        catch (Exception ex)
        {
            return [new DeadLetter { Id = Guid.NewGuid(), At = now, Change = "unreadable", Error = $"{reason}; then {Describe(ex)}" }];
        }
    }

    // False when the host gave up waiting during the pause.
    private bool WaitToRetry(Exception error, int attempt)
    {
        var now = time.GetUtcNow();
        if (_failure is not { } failure)
        {
            _failure = new Failure(now, Describe(error), now);
            LogFailing(Waiting, error);
        }
        else
        {
            _failure = failure with { Error = Describe(error) };
            if (now - failure.LastReported >= ReminderInterval)
            {
                _failure = _failure with { LastReported = now };
                LogStillFailing((int)(now - failure.Since).TotalSeconds, Waiting, Describe(error));
            }
        }

        var delay = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(attempt, 10)));
        return !_abandon.Token.WaitHandle.WaitOne(delay);
    }

    private void Recovered()
    {
        if (_failure is { } failure)
        {
            _failure = null;
            LogRecovered((int)(time.GetUtcNow() - failure.Since).TotalSeconds);
        }
    }

    // Worth retrying: the database or its disk is unavailable now. Not worth it: the change itself is wrong for it.
    private static bool IsTransient(Exception error) => error switch
    {
        DbUpdateConcurrencyException => false,
        DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        SqliteException sqlite => sqlite.SqliteErrorCode is not (SqliteConstraint or SqliteMismatch or SqliteTooBig or SqliteRange),
        PostgresException postgres => !postgres.SqlState.StartsWith("22", StringComparison.Ordinal) && !postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        DbException or IOException or TimeoutException => true,
        _ => false,
    };

    private static string Describe(Exception error) =>
        error is DbUpdateException { InnerException: { } inner } ? $"{inner.GetType().Name}: {inner.Message}" : $"{error.GetType().Name}: {error.Message}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage writes are failing ({Waiting} changes waiting); retrying until they are stored")]
    private partial void LogFailing(int waiting, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage writes still failing after {Seconds} s ({Waiting} changes waiting): {Error}")]
    private partial void LogStillFailing(int seconds, int waiting, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage writes recovered after {Seconds} s")]
    private partial void LogRecovered(int seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database refused a change for good; kept as dead letter {DeadLetterId} ({Change})")]
    private partial void LogQuarantined(Guid deadLetterId, string change, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Count} refused change(s) could not be kept as dead letters either and are lost; first refusal: {Error}")]
    private partial void LogLetterRefused(int count, string error, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The process stopped before {Waiting} queued changes could be stored")]
    private partial void LogAbandoned(int waiting);

    // Changes to apply, or a waiter (Done) for everything queued before it: committed, or also on disk when Durable.
    private sealed record Work(Action<XiaoshenDbContext>? Apply, TaskCompletionSource? Done, RowKey? Row, bool Durable);

    private sealed record Failure(DateTimeOffset Since, string Error, DateTimeOffset LastReported);

    // A scope of DeferFlushes; disposing it restores the flow's previous scope (scopes nest).
    private sealed class FlushDeferral : IDisposable
    {
        private readonly AsyncLocal<FlushDeferral?> _slot;
        private readonly FlushDeferral? _outer;

        public FlushDeferral(AsyncLocal<FlushDeferral?> slot)
        {
            _slot = slot;
            _outer = slot.Value;
            slot.Value = this;
        }

        // False once disposed: work started inside the scope that outlives it (it took the flow along) flushes normally.
        public bool Deferred { get; private set; } = true;

        public void Dispose()
        {
            Deferred = false;
            _slot.Value = _outer;
        }
    }
}
