using Microsoft.EntityFrameworkCore;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Makes the database's log durable up to now, so that every commit made before the call survives a crash of the
/// database server. The <see cref="StorageWriter"/> calls it after batches committed without waiting for the disk.
/// </summary>
public interface IDatabaseLogFlush
{
    void Flush(XiaoshenDbContext db);
}

/// <summary>
/// PostgreSQL: one durable commit flushes the log up to its own record, and so every commit before it. A transactional
/// log message is the smallest write such a commit can carry; it needs no table and no privilege.
/// </summary>
internal sealed class PostgresLogFlush : IDatabaseLogFlush
{
    public void Flush(XiaoshenDbContext db) => db.Database.ExecuteSqlRaw("SELECT pg_logical_emit_message(true, 'xiaoshen', 'flush')");
}
