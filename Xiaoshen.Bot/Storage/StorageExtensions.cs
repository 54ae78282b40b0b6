using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Storage;

/// <summary>Registers the database for the configured provider and migrates it before the host serves.</summary>
internal static class StorageExtensions
{
    public const string ConnectionStringName = "Xiaoshen";

    // More than the distinct statements of a turn and a handoff (about 40), fewer than the server's memory would miss.
    private const int AutoPrepared = 64;

    private static readonly SqlitePragmas Pragmas = new();
    private static readonly StoredText Text = new();

    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => o.Provider == StorageProvider.Sqlite || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName)),
                "Storage:Provider Postgres needs ConnectionStrings:Xiaoshen.")
            .ValidateOnStart();

        var configured = builder.Configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;
        var provider = builder.Configuration.GetValue(StorageOptions.SectionName + ":Provider", StorageProvider.Sqlite);
        if (provider == StorageProvider.Postgres)
        {
            var pooled = ForNodes(configured, builder.Configuration.GetValue(StorageOptions.SectionName + ":" + nameof(StorageOptions.PostgresPoolSize), new StorageOptions().PostgresPoolSize));
            builder.Services.AddDbContextPool<XiaoshenDbContext, PostgresXiaoshenDbContext>((services, o) => o.UseNpgsql(pooled).AddInterceptors([Text, .. Invalidation(services)]));
        }
        else
        {
            builder.Services.AddDbContextPool<XiaoshenDbContext, SqliteXiaoshenDbContext>((services, o) =>
                o.UseSqlite(configured ?? SqliteConnectionString(services)).AddInterceptors([Pragmas, Text, .. Invalidation(services)]));
        }

        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<IDatabaseLogFlush, PostgresLogFlush>();
        builder.Services.AddSingleton<StorageWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StorageWriter>());
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IRetentionTarget, TranscriptRetention>();
        builder.Services.AddHostedService<RetentionService>();
        return builder;
    }

    // The stored report days are marked for a rebuild by the saves that change their rows, where the reports run.
    private static Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] Invalidation(IServiceProvider services) =>
        services.GetService<Reports.ReportDaysInvalidation>() is { } invalidation ? [invalidation] : [];

    // The node's connection settings, each unless the connection string sets it itself (under any of Npgsql's spellings):
    // - the connection limit;
    // - automatic preparation of the statements run most often: the server then parses and plans a turn's few dozen
    //   statements once per connection, not on every call (a third less database CPU per relayed message, measured);
    // - no reset when a connection goes back to the pool: nothing here leaves state on a connection (settings are SET
    //   LOCAL, advisory locks are the transaction's own, the migration lock has a connection of its own), and the reset
    //   (DISCARD ALL) was a statement on every one of the many times a turn takes a connection.
    internal static string? ForNodes(string? connectionString, int poolSize)
    {
        if (connectionString is null)
        {
            return null;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var node = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MaximumPoolSize") && !given.Contains("MaxPoolSize"))
        {
            // Never below a minimum the connection string keeps open (Npgsql refuses a maximum under the minimum).
            node.MaxPoolSize = Math.Max(poolSize, node.MinPoolSize);
        }

        if (!given.Contains("MaxAutoPrepare"))
        {
            node.MaxAutoPrepare = AutoPrepared;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            node.NoResetOnClose = true;
        }

        return node.ConnectionString;
    }

    // The default database sits beside the default index: <root>/data/xiaoshen.db, where <root> holds knowledge-base/.
    private static string SqliteConnectionString(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var knowledge = services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        var file = Path.IsPathRooted(storage.SqliteFile)
            ? storage.SqliteFile
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(knowledge.ContentPath))!, storage.SqliteFile);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return $"Data Source={file}";
    }
}

/// <summary>
/// Creates or migrates the database at start, before requests are served. On PostgreSQL several nodes may start at once:
/// one creates and migrates the database under <see cref="PostgresMigrationLock"/>, the others wait and find it done.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        if (db is PostgresXiaoshenDbContext)
        {
            await using var migrating = await PostgresMigrationLock.AcquireAsync(db.Database.GetConnectionString()!, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        LogMigrated(db.Database.ProviderName ?? "?");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider})")]
    private partial void LogMigrated(string provider);
}
