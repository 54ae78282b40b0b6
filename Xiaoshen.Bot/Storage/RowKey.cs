using Microsoft.EntityFrameworkCore;

namespace Xiaoshen.Bot.Storage;

/// <summary>The primary key of a row that a queued change upserts, and how to ask which of several such keys are stored.</summary>
internal sealed record RowKey(Type Entity, object Key, Func<XiaoshenDbContext, IReadOnlyList<object>, IEnumerable<object>> Stored)
{
    public static RowKey Of<T, TKey>(TKey key)
        where T : class
        where TKey : notnull => new(typeof(T), key, StoredKeys<T, TKey>);

    private static IEnumerable<object> StoredKeys<T, TKey>(XiaoshenDbContext db, IReadOnlyList<object> keys)
        where T : class
    {
        var name = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Single().Name;
        var wanted = keys.Cast<TKey>().ToList();
        return db.Set<T>().AsNoTracking()
            .Where(e => wanted.Contains(EF.Property<TKey>(e, name)))
            .Select(e => EF.Property<TKey>(e, name))
            .AsEnumerable()
            .Cast<object>()
            .ToList();
    }
}
