using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Xiaoshen.Bot.Storage;

// Used only by `dotnet ef migrations add … --context …` to create the provider-specific migrations.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteXiaoshenDbContext>
{
    public SqliteXiaoshenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteXiaoshenDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresXiaoshenDbContext>
{
    public PostgresXiaoshenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresXiaoshenDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
