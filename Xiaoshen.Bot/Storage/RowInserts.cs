using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Xiaoshen.Bot.Storage;

/// <summary>
/// Inserts that another node may have made first: <c>INSERT … ON CONFLICT DO NOTHING</c> of one entity, built from the
/// model (table, columns, each value fitted by <see cref="StoredText"/> as in every save and converted as the model stores
/// it), the same SQL on SQLite and PostgreSQL. Losing the race is no error, and leaves no failed command in the log. A
/// database that fails throws its own <see cref="DbException"/>, not EF's <c>DbUpdateException</c>. Also the parameters of
/// other raw statements (<see cref="Column{TEntity}"/>), converted the same way.
/// </summary>
internal static class RowInserts
{
    /// <summary>Inserts <paramref name="entity"/> unless a row with its key (or another unique value) exists; true when this call inserted it.</summary>
    public static async Task<bool> InsertIfAbsentAsync<TEntity>(XiaoshenDbContext db, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        var type = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());

        // Fitted as every save fits it (moments in UTC, text cleaned, masked and cut to its column), then let go again.
        var entry = db.Entry(entity);
        entry.State = EntityState.Added;
        StoredText.Fit(db);
        var values = type.GetProperties().Select(p => (Property: p, Value: entry.Property(p.Name).CurrentValue)).ToList();
        entry.State = EntityState.Detached;

        await using var command = db.Database.GetDbConnection().CreateCommand();
        var columns = new List<string>();
        var parameters = new List<DbParameter>();
        foreach (var (property, value) in values)
        {
            var name = "@p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            columns.Add('"' + property.GetColumnName(table)! + '"');
            parameters.Add(Parameter(command, property, name, value));
        }

        var sql = $"""INSERT INTO "{table.Name}" ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}) ON CONFLICT DO NOTHING""";
        return await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken) == 1;
    }

    /// <summary>
    /// A parameter for one column of <typeparamref name="TEntity"/> in a raw statement, named after the property and
    /// converted as the model stores it: a moment in UTC (PostgreSQL's timestamptz takes no other offset), and on SQLite
    /// as a sortable number.
    /// </summary>
    public static DbParameter Column<TEntity>(XiaoshenDbContext db, string property, object? value)
        where TEntity : class
    {
        var column = db.Model.FindEntityType(typeof(TEntity))?.FindProperty(property) ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model.");
        using var command = db.Database.GetDbConnection().CreateCommand();
        return Parameter(command, column, "@" + property, value);
    }

    private static DbParameter Parameter(DbCommand command, IProperty property, string name, object? value) =>
        property.GetRelationalTypeMapping().CreateParameter(command, name, value is DateTimeOffset moment ? moment.ToUniversalTime() : value, property.IsNullable);
}
