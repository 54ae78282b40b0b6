using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Inserts entities of the service's model, one transaction per call: what EF would write, row for row (its own table,
/// column and type mappings, value converters included), without its change tracking, which makes a million episodes
/// take half an hour. SQLite takes prepared inserts; PostgreSQL takes binary COPY, since a round trip per row there
/// would take over an hour.
/// </summary>
internal sealed class BulkInsert(XiaoshenDbContext db)
{
    private readonly Dictionary<Type, (DbCommand Command, List<(IProperty Property, RelationalTypeMapping Mapping, DbParameter Parameter)> Columns)> _commands = [];

    public async Task InsertAsync(IEnumerable<object> entities)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var transaction = await connection.BeginTransactionAsync();
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            // Grouped by type in the order of first appearance, so rows are copied after those they refer to.
            foreach (var group in entities.GroupBy(e => e.GetType()))
            {
                await CopyAsync(postgres, group.Key, group);
            }

            await transaction.CommitAsync();
            return;
        }

        foreach (var entity in entities)
        {
            var (command, columns) = CommandFor(connection, entity.GetType());
            command.Transaction = transaction;
            foreach (var (property, mapping, parameter) in columns)
            {
                var value = property.GetGetter().GetClrValue(entity);
                if (mapping.Converter is { } converter && value is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                parameter.Value = value ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private async Task CopyAsync(Npgsql.NpgsqlConnection connection, Type type, IEnumerable<object> rows)
    {
        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entityType.GetProperties().Select(p => (Property: p, Mapping: (RelationalTypeMapping)p.GetTypeMapping())).ToList();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.Property.GetColumnName(table)!)));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var (property, mapping) in properties)
            {
                var value = property.GetGetter().GetClrValue(row);
                if (mapping.Converter is { } converter && value is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await importer.WriteNullAsync();
                }
                else
                {
                    await importer.WriteAsync(value, mapping.StoreType);
                }
            }
        }

        await importer.CompleteAsync();
    }

    private (DbCommand, List<(IProperty, RelationalTypeMapping, DbParameter)>) CommandFor(DbConnection connection, Type type)
    {
        if (_commands.TryGetValue(type, out var known))
        {
            return known;
        }

        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var command = connection.CreateCommand();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = new List<(IProperty, RelationalTypeMapping, DbParameter)>();
        var names = new List<string>();
        foreach (var property in entityType.GetProperties())
        {
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            var parameter = mapping.CreateParameter(command, "p" + columns.Count, null, property.IsNullable);
            command.Parameters.Add(parameter);
            columns.Add((property, mapping, parameter));
            names.Add(sql.DelimitIdentifier(property.GetColumnName(table)!));
        }

        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i)))})";
        _commands[type] = (command, columns);
        return (command, columns);
    }
}
