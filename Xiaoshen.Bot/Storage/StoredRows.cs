using Microsoft.EntityFrameworkCore;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// What one write batch knows about which rows are already stored, so an upsert knows whether to insert or update
/// without an <c>EXISTS</c> of its own: the rows every upsert of the batch names are asked of the database in one
/// query per kind (at the first upsert of that kind), and a statement that found a row (a turn's number is taken from
/// the conversation's row) says so. Asked anew for every attempt, so a batch that failed and is retried one change at a
/// time stays right. Lives for one attempt on the writer's thread; not thread-safe.
/// </summary>
internal sealed class StoredRows(IReadOnlyList<RowKey> pending)
{
    private readonly HashSet<(Type Entity, object Key)> _stored = [];
    private readonly HashSet<Type> _asked = [];

    /// <summary>A statement of this batch found the row.</summary>
    public void Found<T>(object key) => _stored.Add((typeof(T), key));

    public bool IsStored(XiaoshenDbContext db, RowKey row)
    {
        if (!_stored.Contains((row.Entity, row.Key)) && _asked.Add(row.Entity))
        {
            // Rows inserted by this batch meanwhile are tracked; the upsert looks at the tracker before asking here.
            var keys = pending.Where(p => p.Entity == row.Entity && !_stored.Contains((p.Entity, p.Key))).Select(p => p.Key).Distinct().ToList();
            foreach (var key in row.Stored(db, keys))
            {
                _stored.Add((row.Entity, key));
            }
        }

        return _stored.Contains((row.Entity, row.Key));
    }
}
