using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Times one small durable commit on the deployment's PostgreSQL every 100 ms while a relay row runs: how long the
/// server takes to flush its write-ahead log then, whatever the nodes do. A stall of the log's disk shows here as it shows
/// in every turn committed at that moment.
/// </summary>
internal sealed class CommitProbe(string connectionString)
{
    private readonly List<double> _commits = [];
    private CancellationTokenSource? _stop;
    private Task? _running;

    public async Task StartAsync()
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_commit_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL)", connection);
            await create.ExecuteNonQueryAsync();
        }

        _stop = new CancellationTokenSource();
        _running = ProbeAsync(_stop.Token);
    }

    /// <summary>Stops probing; the 99th percentile and the longest commit, in milliseconds, as a table cell.</summary>
    public async Task<string> StopAsync()
    {
        await _stop!.CancelAsync();
        await _running!;
        _commits.Sort();
        return _commits.Count == 0
            ? "- |"
            : string.Create(CultureInfo.InvariantCulture, $"{_commits[Math.Min(_commits.Count - 1, (int)(_commits.Count * 0.99))]:0.0} / {_commits[^1]:0.0} |");
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("INSERT INTO bench_commit_probe (at) VALUES (now())", connection);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var started = Stopwatch.GetTimestamp();
                await insert.ExecuteNonQueryAsync(CancellationToken.None);
                _commits.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException)
        {
            // The row ended.
        }
    }
}
