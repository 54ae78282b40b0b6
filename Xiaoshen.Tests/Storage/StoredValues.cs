using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Tests.Storage;

/// <summary>Every text value of every table as the database holds it, with the model's property for its column.</summary>
internal static class StoredValues
{
    public static async Task<List<StoredValue>> ReadAsync(XiaoshenDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var values = new List<StoredValue>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string value)
                    {
                        var column = reader.GetName(i);
                        values.Add(new StoredValue(table, column, entity.GetProperties().FirstOrDefault(p => p.GetColumnName() == column), value));
                    }
                }
            }
        }

        return values;
    }
}

/// <summary>One stored text: where it is, and the property it belongs to.</summary>
internal sealed record StoredValue(string Table, string Column, IProperty? Property, string Value);
