using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// The supervisors' reports on a large store (issue 14): writes synthetic episodes spread over a year (stored turns,
/// handoff sessions, tickets and feedback, through the service's own model and migrations) into SQLite or PostgreSQL,
/// starts the real service on that database, and times the summary (what the reports page computes) and the CSV and
/// XLSX exports over HTTP for a day, a month of one large department and a month of all departments.
/// </summary>
internal static class ReportsRun
{
    private const int Batch = 5_000;

    // A year ending with the month that is reported on; days are Beijing days.
    private static readonly DateOnly FirstDay = new(2025, 10, 1);
    private const int Days = 365;

    private static readonly (string Matter, string Department)[] Matters =
    [
        ("gjj-retire-withdraw", "gjj"), ("gjj-rent-withdraw", "gjj"), ("gjj-loan-apply", "gjj"),
        ("sb-card", "rsj"), ("sb-unemployment-benefit", "rsj"),
        ("crj-passport", "crj"), ("yb-reimbursement", "ybj"), ("hj-id-card", "gaj"),
    ];

    private static readonly string[] Channels = ["directline", "directline", "wechat", "wecom", "msteams"];

    /// <param name="existing">
    /// <c>seed</c>: write the data, keep it (SQLite file or PostgreSQL database) and say where, without timing; or what an
    /// earlier run kept (a copy of the SQLite file, the PostgreSQL database's name): timed again without writing new data.
    /// </param>
    /// <param name="settings">
    /// Service settings for the timed run (<c>Reports:FillDelaySeconds=3600</c>: time reports that fill the days they
    /// need themselves; <c>Reports:StoreClosedDays=false</c>: every report projected live). With any, the run does not
    /// wait for the background fill.
    /// </param>
    public static async Task RunAsync(TextWriter output, int episodes, string provider, string? existing = null, IReadOnlyList<(string Key, string Value)>? settings = null)
    {
        var seedOnly = existing == "seed";
        if (seedOnly)
        {
            existing = null;
        }

        var root = Path.Combine(Path.GetTempPath(), "xiaoshen-reports", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var postgres = provider == "postgres";
        var file = (postgres ? null : existing) ?? Path.Combine(root, "xiaoshen.db");
        string? database = null;
        string connection;
        if (postgres)
        {
            var server = Environment.GetEnvironmentVariable("XIAOSHEN_TEST_POSTGRES") ?? throw new InvalidOperationException("Set XIAOSHEN_TEST_POSTGRES to a PostgreSQL server's connection string.");
            var name = existing ?? "xiaoshen_reports_" + Guid.NewGuid().ToString("N")[..8];
            database = existing is null && !seedOnly ? name : null;
            connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        }
        else
        {
            connection = $"Data Source={file}";
        }

        try
        {
            if (existing is null)
            {
                var seeding = Stopwatch.StartNew();
                var rows = await SeedAsync(() => Context(postgres, connection), episodes);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: wrote {episodes:N0} episodes ({rows:N0} rows) in {seeding.Elapsed.TotalSeconds:0} s"));
                if (seedOnly)
                {
                    output.WriteLine("kept: " + (postgres ? new Npgsql.NpgsqlConnectionStringBuilder(connection).Database : file));
                    return;
                }
            }

            (string, string)[] storage = postgres
                ? [("Storage:Provider", "Postgres"), ("ConnectionStrings:Xiaoshen", connection)]
                : [("Storage:SqliteFile", file)];
            // The synthetic year reaches further back than the default transcript retention (180 days), which would
            // delete its first half at start.
            // The stored days are filled at once (no start delay), and the run waits for that fill before timing.
            var starting = Stopwatch.StartNew();
            using var service = await ServiceHost.StartAsync("Testing", [.. storage, ("Retention:Days", "800"), ("Reports:FillDelaySeconds", "0"), .. settings ?? []]);
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(service.BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
            (await http.PostAsJsonAsync("/api/agent/sign-in", new { userName = "admin", password = "xiaoshen-demo" })).EnsureSuccessStatusCode();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service ready (migrated) in {starting.Elapsed.TotalSeconds:0} s; load average {LoadAverage()}"));
            if (settings is not { Count: > 0 })
            {
                var filling = Stopwatch.StartNew();
                var days = await FilledAsync(() => Context(postgres, connection));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {days} closed days in {filling.Elapsed.TotalSeconds:0} s after the service was ready; load average {LoadAverage()}"));
            }

            var month = "from=2026-09-01&to=2026-09-30";
            output.WriteLine("| What | Episodes | First (ms) | Median of 3 (ms) | Size |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            await TimeAsync(output, http, "summary, one day, all departments", "/api/reports/summary?from=2026-09-15&to=2026-09-15");
            await TimeAsync(output, http, "summary, one month, 公积金 (gjj)", $"/api/reports/summary?{month}&department=gjj");
            await TimeAsync(output, http, "summary, one month, all departments", $"/api/reports/summary?{month}");
            await TimeAsync(output, http, "summary, one month, gjj, working hours only", $"/api/reports/summary?{month}&department=gjj&workingHours=true");
            await TimeAsync(output, http, "episodes.csv, one month, gjj", $"/api/reports/episodes.csv?{month}&department=gjj");
            await TimeAsync(output, http, "episodes.xlsx, one month, gjj", $"/api/reports/episodes.xlsx?{month}&department=gjj");
            await TimeAsync(output, http, "episodes.csv, one month, all departments", $"/api/reports/episodes.csv?{month}");
            await TimeAsync(output, http, "episodes.xlsx, one month, all departments", $"/api/reports/episodes.xlsx?{month}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service resident memory after the runs: {service.ResidentMegabytes():0} MB; load average {LoadAverage()}"));
        }
        finally
        {
            if (database is not null)
            {
                await using var admin = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("XIAOSHEN_TEST_POSTGRES"));
                await admin.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }

            if (!seedOnly)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    // Waits until the service's filler has stored every closed day of the reports' longest period (366 days by
    // default), which it does right after start; returns how many days are stored.
    private static async Task<int> FilledAsync(Func<XiaoshenDbContext> context)
    {
        var last = Xiaoshen.Bot.Reports.StoredDays.LastClosed(DateTimeOffset.UtcNow);
        var first = last.AddDays(-365);
        while (true)
        {
            await using var db = context();
            var days = await db.ReportDays.CountAsync(d => d.Complete && d.Day >= first && d.Day <= last);
            if (days >= 366)
            {
                return days;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>The machine's load average over 1, 5 and 15 minutes ("?" where /proc/loadavg is absent).</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static XiaoshenDbContext Context(bool postgres, string connection) => postgres
        ? new PostgresXiaoshenDbContext(new DbContextOptionsBuilder<PostgresXiaoshenDbContext>().UseNpgsql(connection).Options)
        : new SqliteXiaoshenDbContext(new DbContextOptionsBuilder<SqliteXiaoshenDbContext>().UseSqlite(connection).Options);

    private static async Task TimeAsync(TextWriter output, HttpClient http, string what, string url)
    {
        var times = new List<double>();
        long size = 0;
        string? consultations = null;
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            size = body.Length;
            if (url.Contains("summary", StringComparison.Ordinal))
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                consultations = json.RootElement.GetProperty("consultations").GetInt32().ToString("N0", CultureInfo.InvariantCulture);
            }
            else if (url.Contains(".csv", StringComparison.Ordinal))
            {
                consultations = (body.Count(b => b == '\n') - 1).ToString("N0", CultureInfo.InvariantCulture);
            }
        }

        var repeated = times.Skip(1).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {consultations ?? "-"} | {times[0]:0} | {repeated[1]:0} | {size / 1024.0:0} KB |"));
    }

    // Writes the episodes in batches, each in its own context and transaction; returns the number of rows written.
    private static async Task<long> SeedAsync(Func<XiaoshenDbContext> context, int episodes)
    {
        await using (var db = context())
        {
            await db.Database.MigrateAsync();
        }

        var random = new Random(14);
        long rows = 0;
        var ticket = 0;
        await using var store = context();
        var insert = new BulkInsert(store);
        for (var written = 0; written < episodes; written += Batch)
        {
            var batch = new List<object>();
            for (var i = written; i < Math.Min(episodes, written + Batch); i++)
            {
                // Spread evenly over the year, at random times of day weighted to office hours.
                var day = FirstDay.AddDays((int)((long)i * Days / episodes));
                var hour = random.Next(10) < 7 ? random.Next(9, 17) : random.Next(0, 24);
                var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, random.Next(60), random.Next(60))), WorkingCalendar.Offset).ToUniversalTime();
                Episode(batch, random, start, ref ticket);
            }

            await insert.InsertAsync(batch);
            rows += batch.Count;
        }

        return rows;
    }

    // One conversation with one episode of a random kind, its rows in the order they can be inserted.
    private static void Episode(List<object> rows, Random random, DateTimeOffset start, ref int ticket)
    {
        var (matter, department) = Matters[random.Next(Matters.Length)];
        var conversation = Conversation.Start(Channels[random.Next(Channels.Length)], Guid.NewGuid().ToString("N"), "u", start);
        var turns = new List<Turn>();
        var extra = new List<object>();
        var now = start;
        Turn Add(Turn turn)
        {
            turns.Add(conversation.RecordNumbered(turn));
            now = now.AddSeconds(random.Next(3, 40));
            return turn;
        }

        Add(Turn.FromUser("公积金怎么提取，电话138****5678", now));
        var answer = Add(Turn.FromBot("回答", now, "answer", matter, matter + "#1", 0.9));
        switch (random.Next(20))
        {
            case < 9:
                break;
            case < 11:
                extra.Add(Feedback.On(conversation.Id, answer.Id, helpful: false, now));
                Add(Turn.FromUser("没帮助", now));
                Add(Turn.FromBot("抱歉", now, "offer"));
                break;
            case < 13:
                Add(Turn.FromUser("还有别的", now));
                Add(Turn.FromBot("没找到", now, "fallback"));
                break;
            case < 18:
            {
                Add(Turn.FromUser("转人工", now));
                Add(Turn.FromBot("已排队", now, "handoff"));
                var session = HandoffSession.Open(conversation, HandoffAvailability.Route(Department(department), matter, HandoffReason.Requested), null, null, now);
                var wait = random.Next(2, 120);
                session.Assign(department + "01", now.AddSeconds(wait));
                session.AgentWrote(now.AddSeconds(wait + random.Next(1, 30)));
                Add(Turn.FromAgent(department + "01", "您好", now.AddSeconds(wait + 5), []));
                session.End(random.Next(5) switch { 0 => HandoffOutcome.NotResolved, 1 => HandoffOutcome.Referred12345, _ => HandoffOutcome.Resolved }, now.AddMinutes(6));
                if (random.Next(3) == 0)
                {
                    session.Rate(random.Next(6) == 0 ? ServiceRating.Dissatisfied : ServiceRating.Satisfied, null, now.AddMinutes(7));
                }

                extra.Add(session);
                break;
            }

            default:
                Add(Turn.FromUser("转人工", now));
                Add(Turn.FromBot("留言", now, "offer-message"));
                extra.Add(CallbackTicket.Create(++ticket % 10_000, conversation.Id, department, matter, "问题", "138****5678", "明天", now, now.AddDays(1)));
                break;
        }

        // The conversation row first (written once all its turns are numbered): the turns refer to it.
        rows.Add(conversation);
        rows.AddRange(turns);
        rows.AddRange(extra);
    }

    private static Knowledge.Content.Department Department(string id) =>
        new() { Id = id, Name = id, AgentGroup = id, Hours = new Knowledge.Content.WorkingHours([], []) };
}
