using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Inserts that another node may have made first: <c>INSERT … ON CONFLICT DO NOTHING</c> of one entity, built from the
/// model (table, columns, each value converted as the model stores it), the same SQL on SQLite and PostgreSQL. Losing
/// the race is no error, and leaves no failed command in the log.
/// </summary>
internal static class RowInserts
{
    /// <summary>Inserts <paramref name="entity"/> unless a row with its key (or another unique value) exists; true when this call inserted it.</summary>
    public static async Task<bool> InsertIfAbsentAsync<TEntity>(XiaoshenDbContext db, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        var type = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var columns = new List<string>();
        var parameters = new List<DbParameter>();
        foreach (var property in type.GetProperties())
        {
            var name = "@p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            columns.Add('"' + property.GetColumnName(table)! + '"');
            parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, property.GetGetter().GetClrValue(entity), property.IsNullable));
        }

        var sql = $"""INSERT INTO "{table.Name}" ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}) ON CONFLICT DO NOTHING""";
        return await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken) == 1;
    }
}
