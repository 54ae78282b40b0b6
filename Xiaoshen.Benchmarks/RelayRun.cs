using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Human handoff relay on loopback against the real service: citizens in web chat (Direct Line WebSocket) are handed to an
/// agent who works through the agent API (/api/agent, long-polling for new messages). Each exchange times the citizen's
/// message until the agent has it, and the agent's reply until it is on the citizen's stream.
/// </summary>
internal static class RelayRun
{
    public const string Secret = "relay-run-secret";

    private const int WarmUpRounds = 12;

    private static readonly SemaphoreSlim Handing = new(1);

    // The Testing environment honours a fixed office hour (a Friday morning), so the department is open whatever the time.
    public static readonly (string Key, string Value)[] Settings =
    [
        ("DirectLine:Secret", Secret),
        ("Testing:ClockStart", "2026-11-27T10:00:00+08:00"),

        // Every node of a run reads the same time (nodes of one deployment start seconds apart under load).
        ("Testing:ClockStartedAt", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        ("Handoff:Assignment", "Pick"),
        ("DirectLine:PostsPerMinute", "10000"),
    ];

    public static async Task RunAsync(TextWriter output, int conversations, int exchanges)
    {
        using var service = await ServiceHost.StartAsync("Testing", Settings);
        output.WriteLine(Header);
        output.WriteLine(await RelayAsync(service, service, conversations, exchanges));
    }

    /// <summary>The table header of <see cref="RelayAsync"/>'s rows.</summary>
    public const string Header = "| conversations at once | exchanges | citizen→agent p50 ms | p99 ms | agent→citizen p50 ms | p99 ms | round trip p50 ms | citizen's post answered p50 / p99 ms | run s | CPU ms per exchange: nodes | PostgreSQL |\n|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>
    /// Citizens in web chat on <paramref name="citizens"/>, their agent on the agent API of <paramref name="service"/>
    /// (the same node, or another node of one deployment); one table row of latencies (and, given a probe, the database's
    /// commit times during the row).
    /// </summary>
    /// <param name="pause">
    /// How long a citizen waits, after the agent's reply reached them, before the next message (on average; each pause
    /// drawn between half and one and a half times it). Zero: at once, so the conversations together are as many
    /// messages as the deployment can take and the latencies are mostly queueing; people in a chat write every few
    /// seconds at most.
    /// </param>
    public static async Task<string> RelayAsync(ServiceHost citizens, ServiceHost service, int conversations, int exchanges, TimeSpan pause = default, CommitProbe? probe = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations * 4 }) { Timeout = TimeSpan.FromSeconds(60) };
        using var agent = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = conversations * 4 })
        {
            BaseAddress = new Uri(service.BaseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
        (await agent.PostAsJsonAsync("/api/agent/sign-in", new { userName = "gjj01", password = "xiaoshen-demo" })).EnsureSuccessStatusCode();

        var toAgent = new ConcurrentBag<double>();
        var toCitizen = new ConcurrentBag<double>();
        var answered = new ConcurrentBag<double>();

        // When each timed exchange began (UTC) and how long the citizen's message took to reach the agent, written after
        // the row (not during it, beside the database's disk writes) when XIAOSHEN_RELAY_LOG names a file.
        var log = Environment.GetEnvironmentVariable("XIAOSHEN_RELAY_LOG");
        var timeline = log is null ? null : new ConcurrentBag<string>();

        // Every conversation is in the agent's hands before the first exchange, and the nodes have measured their build
        // for the build report: the rows time the relay, not the bot answering and handing over the conversations that
        // are still arriving, nor a node's work after its start.
        var handed = await Task.WhenAll(Enumerable.Range(0, conversations).Select(n => HandAsync(http, agent, citizens.BaseUrl, n)));
        var seen = await Task.WhenAll(handed.Select(h => LastSequenceAsync(agent, h.Conversation)));

        // Untimed rounds of one exchange per conversation first, a second apart: a fresh process compiles each path on
        // its first calls and recompiles the hot ones optimised once they were called often enough after the runtime's
        // tiering delay (tiered JIT). With one round, that recompiling filled the first seconds of the timed row (2 s of
        // JIT time a second on the agent's node) and most of its slow exchanges; a long-running node has done it long ago.
        for (var round = 0; round < WarmUpRounds; round++)
        {
            await Task.WhenAll(handed.Select(async (h, n) => seen[n] = await ExchangeAsync((http, agent), h, n, -1 - round, seen[n], null)));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        // The agent's console stays open while the nodes settle, as a real one beats: an agent unheard for the presence
        // timeout (30 s) is taken for gone and their chats queued again, so one run whose settling took longer than that
        // failed with 403 on the agent's first timed reply.
        var nodes = citizens == service ? [service] : new[] { citizens, service };
        using (var settled = new CancellationTokenSource())
        {
            var beating = BeatAsync(agent, settled.Token);
            await ServiceHost.SettleAsync(nodes);
            await settled.CancelAsync();
            await beating;
        }

        var nodesCpu = nodes.Sum(node => node.CpuSeconds());
        var databaseCpu = PostgresCpuSeconds();
        if (probe is not null)
        {
            await probe.StartAsync();
        }

        // Every pause drawn from one generator, in turn: a generator per citizen seeded with the citizen's number (as
        // before) drew pauses in lockstep (the seeded generator's first values for seeds 0, 1, 2… step by a fixed amount),
        // so up to 29 citizens wrote within 300 ms, against 6 at an even pace, and the row timed those bursts.
        var draw = new Random(20261202);
        var pauses = Enumerable.Range(0, conversations).Select(_ => Enumerable.Range(0, exchanges).Select(_ => draw.NextDouble()).ToArray()).ToArray();
        var run = Stopwatch.StartNew();
        await Task.WhenAll(handed.Select(async (conversation, n) =>
        {
            using var _ = conversation.Citizen;
            for (var i = 0; i < exchanges; i++)
            {
                await Task.Delay(pause * (0.5 + pauses[n][i]));
                seen[n] = await ExchangeAsync((http, agent), conversation, n, i, seen[n], (toAgent, toCitizen, answered), timeline);
            }
        }));
        run.Stop();
        var commits = probe is null ? string.Empty : " " + await probe.StopAsync();
        if (log is not null)
        {
            await File.AppendAllLinesAsync(log, timeline!.Order(StringComparer.Ordinal));
        }

        var perExchange = 1000.0 / (conversations * exchanges);
        var nodesMs = (nodes.Sum(node => node.CpuSeconds()) - nodesCpu) * perExchange;
        var databaseMs = (PostgresCpuSeconds() - databaseCpu) * perExchange;
        var a = toAgent.Order().ToArray();
        var c = toCitizen.Order().ToArray();
        var posts = answered.Order().ToArray();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {conversations} | {a.Length} | {P(a, 0.5):0.0} | {P(a, 0.99):0.0} | {P(c, 0.5):0.0} | {P(c, 0.99):0.0} | {P(a, 0.5) + P(c, 0.5):0.0} | {P(posts, 0.5):0.0} / {P(posts, 0.99):0.0} | {run.Elapsed.TotalSeconds:0.0} | {nodesMs:0.0} | {databaseMs:0.0} |{commits}");
    }

    // The citizen's message until the agent has it, and the agent's reply until it is on the citizen's stream, whenever
    // the senders' own requests are answered (those wait for the database's disk, the relay need not); the citizen's
    // post until answered. Added to the bags when given; returns the last turn the agent has seen.
    private static async Task<int> ExchangeAsync(
        (HttpClient Http, HttpClient Agent) clients, (DirectLineLoadClient Citizen, Guid Conversation) conversation, int n, int i, int seen, (ConcurrentBag<double> ToAgent, ConcurrentBag<double> ToCitizen, ConcurrentBag<double> Answered)? bags, ConcurrentBag<string>? timeline = null)
    {
        var (http, agent) = clients;
        var (citizen, id) = conversation;
        var question = $"第{n}位市民的第{i}个问题";
        var started = Stopwatch.GetTimestamp();
        var poll = agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after={seen}&wait=20");
        var posted = TimedAsync(citizen.PostAsync(http, question), started);
        JsonElement turns;
        while (!(turns = await poll).EnumerateArray().Any(t => t.GetProperty("text").GetString() == question))
        {
            seen = Math.Max(seen, Last(turns));
            poll = agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after={seen}&wait=20");
        }

        var arrived = Stopwatch.GetTimestamp();
        bags?.ToAgent.Add(Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds);
        timeline?.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow - Stopwatch.GetElapsedTime(started, arrived):HH:mm:ss.fff} {Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds:0.0} {n} {i}"));
        seen = Math.Max(seen, Last(turns));
        var reply = $"第{n}位市民第{i}个问题的答复";
        var delivered = citizen.ExpectTextAsync(reply);
        var sent = agent.PostAsJsonAsync($"/api/agent/conversations/{id}/messages", new { text = reply });
        await delivered.WaitAsync(TimeSpan.FromSeconds(30));
        bags?.ToCitizen.Add(Stopwatch.GetElapsedTime(arrived).TotalMilliseconds);
        (await sent).EnsureSuccessStatusCode();
        bags?.Answered.Add(await posted);
        return seen;
    }

    // A citizen in web chat who asked the bot something, then for a person; the agent accepted.
    private static async Task<(DirectLineLoadClient Citizen, Guid Conversation)> HandAsync(HttpClient http, HttpClient agent, string citizens, int n)
    {
        var citizen = await DirectLineLoadClient.OpenAsync(http, citizens, Secret, CancellationToken.None);
        await citizen.AskAsync(http, "退休了公积金怎么取");

        // One handoff at a time, so the conversation a driver takes from the queue is its own citizen's.
        await Handing.WaitAsync();
        try
        {
            await citizen.PostAsync(http, "转人工");
            var id = await WaitingConversationAsync(agent, n);
            (await agent.PostAsync($"/api/agent/conversations/{id}/accept", null)).EnsureSuccessStatusCode();
            return (citizen, id);
        }
        finally
        {
            Handing.Release();
        }
    }

    // CPU time of every PostgreSQL process on this machine (Linux /proc; clock ticks of 1/100 s), in seconds. The
    // benchmark's database is the only busy one while it runs.
    private static double PostgresCpuSeconds()
    {
        var ticks = 0L;
        foreach (var folder in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                if (name.StartsWith("postgres", StringComparison.Ordinal))
                {
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return ticks / 100.0;
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * q))];

    private static int Last(JsonElement turns) => turns.EnumerateArray().Select(t => t.GetProperty("sequence").GetInt32()).DefaultIfEmpty(0).Max();

    private static async Task<Guid> WaitingConversationAsync(HttpClient agent, int n)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var queue = await agent.GetFromJsonAsync<JsonElement>("/api/agent/queue");
            foreach (var item in queue.GetProperty("waiting").EnumerateArray())
            {
                return item.GetProperty("conversationId").GetGuid();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Conversation {n} never reached the queue.");
    }

    // What the agent's console asks every few seconds (the queue), which also tells the node the agent is there.
    private static async Task BeatAsync(HttpClient agent, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                (await agent.GetAsync("/api/agent/queue", cancellationToken)).EnsureSuccessStatusCode();
            }
        }
        catch (OperationCanceledException)
        {
            // Settled.
        }
    }

    private static async Task<int> LastSequenceAsync(HttpClient agent, Guid id) =>
        Last(await agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after=0"));

    // How long after <paramref name="started"/> the request was answered, in milliseconds.
    private static async Task<double> TimedAsync(Task request, long started)
    {
        await request;
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
