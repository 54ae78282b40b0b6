using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Tests.Fakes;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Hosting;

/// <summary>
/// issue 13: a background pass that fails is logged and tried again; it never stops the host. A node that started while
/// PostgreSQL refused the handoff monitor's first read (here its table is missing for a moment) used to stop whole.
/// </summary>
public sealed class BackgroundPassTests
{
    [PostgresFact]
    public async Task APostgreSqlErrorAtTheHandoffMonitorsStartIsRetriedAndTheNodeKeepsServing()
    {
        await using var database = PostgresDatabase.NotCreated();
        using (var first = database.Host())
        {
            first.CreateClient().Dispose(); // creates the database and its tables
        }

        await ExecuteAsync(database, """ALTER TABLE "HandoffSessions" RENAME TO "HandoffSessionsAway" """);
        var logs = new RecordingLoggerProvider(LogLevel.Error);
        using var node = database.Host().WithServices(s => s.AddSingleton<ILoggerProvider>(logs));
        using var http = node.CreateClient();
        var stopping = node.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var clock = node.Services.GetRequiredService<HandoffClock>();

        await Eventually.TrueAsync(() => Task.FromResult(logs.Lines.Any(l => l.Contains("restore", StringComparison.OrdinalIgnoreCase) || l.Contains("BackgroundService", StringComparison.Ordinal))), "the restore did not fail");
        await ExecuteAsync(database, """ALTER TABLE "HandoffSessionsAway" RENAME TO "HandoffSessions" """);
        await clock.Restored.WaitAsync(TimeSpan.FromMinutes(1));
        using var health = await http.GetAsync("/health");

        Assert.False(stopping.IsCancellationRequested);
        Assert.True(health.IsSuccessStatusCode);
    }

    private static async Task ExecuteAsync(PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
