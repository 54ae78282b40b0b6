using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Tests.Storage;

/// <summary>
/// An empty database of one provider for a migration test, which migrates it step by step and writes rows as they stood
/// before a migration: a SQLite file in the temp folder, or a PostgreSQL database of its own; deleted afterwards.
/// </summary>
internal static class MigrationDatabase
{
    public static async Task OnSqliteAsync(Func<Func<XiaoshenDbContext>, Task> test)
    {
        var file = Path.Combine(Path.GetTempPath(), "xiaoshen-migration-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteXiaoshenDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await test(() => new SqliteXiaoshenDbContext(options));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task OnPostgresAsync(Func<Func<XiaoshenDbContext>, Task> test)
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var options = new DbContextOptionsBuilder<PostgresXiaoshenDbContext>().UseNpgsql(database.ConnectionString).Options;
        await test(() => new PostgresXiaoshenDbContext(options));
    }
}
