using System.Globalization;
using Npgsql;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Issue 13's figures, each deployment started fresh from the Release build on this machine: one node's turn throughput
/// on SQLite and on PostgreSQL, two nodes (PostgreSQL + Redis) against one at the same load, and the handoff relay with
/// the citizen on one node and the agent on the other. Needs <c>XIAOSHEN_TEST_POSTGRES</c> and <c>XIAOSHEN_TEST_REDIS</c>;
/// every run gets its own database (dropped afterwards) and Redis key prefix.
/// </summary>
internal static class NodesRun
{
    /// <param name="part">
    /// "all", or "turns" (the four turn deployments) or "relay" (the relay rows) alone, or "across" (only the relay across
    /// nodes at the given pause), for quicker looks.
    /// </param>
    /// <param name="pause">The relay's second pair of rows: each citizen waits about this long before the next message (see <see cref="RelayRun.RelayAsync"/>); zero leaves those rows out.</param>
    /// <param name="extra">Settings given to every node started (e.g. a log level, to count the database commands of a run).</param>
    public static async Task RunAsync(TextWriter output, int concurrency, int requests, int conversations, int exchanges, string part, TimeSpan pause, (string Key, string Value)[] extra)
    {
        var server = Environment.GetEnvironmentVariable("XIAOSHEN_TEST_POSTGRES") ?? throw new InvalidOperationException("Set XIAOSHEN_TEST_POSTGRES to a PostgreSQL server's connection string.");
        var redis = Environment.GetEnvironmentVariable("XIAOSHEN_TEST_REDIS") ?? throw new InvalidOperationException("Set XIAOSHEN_TEST_REDIS to a Redis server (host:port).");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(60) };

        if (part is "all" or "turns")
        {
            output.WriteLine($"concurrency {concurrency}, {requests} Bot Framework turns per deployment after a warm-up of as many; {Environment.ProcessorCount} cores");
            output.WriteLine();
            output.WriteLine("| deployment | nodes | turns | errors | turns/s | p50 ms | p99 ms |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            var sqlite = await TurnsAsync(output, http, "SQLite", [extra], concurrency, requests);
            var postgres = await TurnsAsync(output, http, "PostgreSQL", [[.. await DatabaseAsync(server, "pg"), .. extra]], concurrency, requests);
            var shared = await SharedAsync(server, redis, "one");
            var one = await TurnsAsync(output, http, "PostgreSQL + Redis", [[.. shared, .. extra]], concurrency, requests);
            var two = await SharedAsync(server, redis, "two");
            var both = await TurnsAsync(output, http, "PostgreSQL + Redis", [[.. two, .. extra], [.. two, .. extra]], concurrency, requests);
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL / SQLite, one node: {postgres / sqlite:0.00}×; two nodes / one node (PostgreSQL + Redis): {both / one:0.00}×"));
            output.WriteLine();
        }

        if (part is "all" or "relay" or "across")
        {
            output.WriteLine(RelayRun.Header.Replace("| conversations", "| citizen / agent | citizen's pause | conversations", StringComparison.Ordinal).Replace("\n|", "\n|---|---|", StringComparison.Ordinal)
                .Replace("PostgreSQL |\n", "PostgreSQL | a commit meanwhile: p99 / max ms |\n", StringComparison.Ordinal) + "---|");
            foreach (var wait in part == "across" ? [pause] : pause > TimeSpan.Zero ? [TimeSpan.Zero, pause] : new[] { TimeSpan.Zero })
            {
                var label = string.Create(CultureInfo.InvariantCulture, $"{wait.TotalSeconds:0.#} s ");
                if (part != "across")
                {
                    var settings = await SharedAsync(server, redis, $"relay1p{wait.TotalMilliseconds}");
                    using var node = await ServiceHost.StartAsync("Testing", [.. RelayRun.Settings, .. settings, .. extra]);
                    output.WriteLine($"| same node | {label}" + await RelayRun.RelayAsync(node, node, conversations, exchanges, wait, Probe(settings)));
                }

                var relay = await SharedAsync(server, redis, $"relay2p{wait.TotalMilliseconds}");
                using var nodeA = await ServiceHost.StartAsync("Testing", [.. RelayRun.Settings, .. relay, .. extra]);
                using var nodeB = await ServiceHost.StartAsync("Testing", [.. RelayRun.Settings, .. relay, .. extra]);
                output.WriteLine($"| node A / node B | {label}" + await RelayRun.RelayAsync(nodeA, nodeB, conversations, exchanges, wait, Probe(relay)));
            }
        }

        // Every node is stopped by now: nothing holds a connection to the databases dropped.
        await DropAsync(server);
    }

    // Starts the deployment's nodes (each setting list is one node), warms them up, drives the load; the throughput.
    private static async Task<double> TurnsAsync(TextWriter output, HttpClient http, string name, (string Key, string Value)[][] nodes, int concurrency, int requests)
    {
        var hosts = new List<ServiceHost>();
        try
        {
            foreach (var settings in nodes)
            {
                hosts.Add(await ServiceHost.StartAsync(settings));
            }

            var ports = hosts.Select(h => h.Port).ToArray();
            await LoadRun.DriveAsync(http, ports, concurrency, requests);
            var (latencies, errors, elapsed) = await LoadRun.DriveAsync(http, ports, concurrency, requests);
            Array.Sort(latencies);
            var throughput = latencies.Length / elapsed.TotalSeconds;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {hosts.Count} | {latencies.Length} | {errors} | {throughput:0} | {latencies[latencies.Length / 2]:0.0} | {latencies[(int)(latencies.Length * 0.99)]:0.0} |"));
            return throughput;
        }
        finally
        {
            hosts.ForEach(h => h.Dispose());
        }
    }

    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private static CommitProbe Probe((string Key, string Value)[] deployment) => new(deployment.Single(s => s.Key == "ConnectionStrings:Xiaoshen").Value);

    // One PostgreSQL database and one Redis prefix shared by a deployment's nodes, with the settings several nodes need.
    private static async Task<(string Key, string Value)[]> SharedAsync(string server, string redis, string name) =>
    [
        .. await DatabaseAsync(server, name),
        ("Redis:Configuration", redis),
        ("Redis:KeyPrefix", $"xiaoshen-nodes-{Run}-{name}:"),
        ("DirectLine:Secret", RelayRun.Secret),
        ("Attachments:UploadPath", Path.Combine(Path.GetTempPath(), "xiaoshen-nodes", Run, name, "uploads")),
        ("PreReview:StoragePath", Path.Combine(Path.GetTempPath(), "xiaoshen-nodes", Run, name, "photos")),

        // Outside Development and Testing several nodes keep their shared key ring encrypted, as an operator must configure.
        ("DataProtection:CertificatePath", Xiaoshen.Tests.TestCertificates.WritePfx(Path.Combine(Path.GetTempPath(), "xiaoshen-nodes", Run, name), KeyRingPassword)),
        ("DataProtection:CertificatePassword", KeyRingPassword),
    ];

    private const string KeyRingPassword = "nodes-benchmark-key-ring";

    private static async Task<(string Key, string Value)[]> DatabaseAsync(string server, string name)
    {
        var database = $"xiaoshen_nodes_{Run}_{name}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        return [("Storage:Provider", "Postgres"), ("ConnectionStrings:Xiaoshen", new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString)];
    }

    private static async Task DropAsync(string server)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE 'xiaoshen_nodes_{Run}_%'", admin);
        var names = new List<string>();
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
