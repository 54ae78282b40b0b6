using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Reports;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Reports;

/// <summary>The host with a synthetic September of stored conversations, and a supervisor of 公积金 only.</summary>
public sealed class ReportsFactory : BotApiFactory, IAsyncLifetime
{
    internal SyntheticMonth Month { get; } = new(2026, 9, perDay: 12);

    public async Task InitializeAsync()
    {
        using var scope = Services.CreateScope();
        await Month.SaveAsync(scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>());
        await TestAccounts.AddAsync(this, "sup-gjj", "sup-gjj-password", [HumanAgent.SupervisorRole], "gjj");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// GET /api/reports/summary and /api/reports/episodes.csv|xlsx (issue 14, section 2): the figures over a synthetic month
/// match those worked out from the scripted rows, the export is one masked row per episode, and only supervisors see
/// reports, of their own departments unless they are admins.
/// </summary>
public sealed class ReportsEndpointTests(ReportsFactory factory) : IClassFixture<ReportsFactory>
{
    private const string September = "from=2026-09-01&to=2026-09-30";

    private List<SyntheticMonth.Planned> Ledger => factory.Month.Ledger;

    [Fact]
    public async Task TheSummaryOfAMonthMatchesTheFiguresOfTheRawRows()
    {
        using var admin = await TestAccounts.SignedInAsync(factory, "admin");

        var summary = await admin.GetFromJsonAsync<ReportSummary>("/api/reports/summary?" + September);

        AssertFigures(Ledger, summary!);
    }

    [Fact]
    public async Task ADepartmentAndChannelFilterCountsOnlyTheirEpisodes()
    {
        using var admin = await TestAccounts.SignedInAsync(factory, "admin");

        var gjj = await admin.GetFromJsonAsync<ReportSummary>("/api/reports/summary?" + September + "&department=gjj");
        var wechat = await admin.GetFromJsonAsync<ReportSummary>("/api/reports/summary?" + September + "&channel=wechat");

        AssertFigures(Ledger.Where(p => p.DepartmentId == "gjj").ToList(), gjj!);
        AssertFigures(Ledger.Where(p => p.Channel == ReportChannel.WeChat).ToList(), wechat!);
    }

    [Fact]
    public async Task WorkingHoursOnlyKeepsEpisodesBegunWhileTheDepartmentWasOpen()
    {
        using var admin = await TestAccounts.SignedInAsync(factory, "admin");

        var summary = await admin.GetFromJsonAsync<ReportSummary>("/api/reports/summary?" + September + "&department=gjj&workingHours=true");

        // 公积金 in the test content: 09:00-12:00 and 13:00-17:00 on working days; 25 September is 中秋节, Sunday
        // 20 September a 调休 working day.
        static bool Open(DateTimeOffset at)
        {
            var local = at.ToOffset(TimeSpan.FromHours(8));
            var day = DateOnly.FromDateTime(local.DateTime);
            var working = day == new DateOnly(2026, 9, 20) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && day != new DateOnly(2026, 9, 25));
            var time = TimeOnly.FromDateTime(local.DateTime);
            return working && ((time >= new TimeOnly(9, 0) && time < new TimeOnly(12, 0)) || (time >= new TimeOnly(13, 0) && time < new TimeOnly(17, 0)));
        }

        var expected = Ledger.Where(p => p.DepartmentId == "gjj" && Open(p.StartedAt)).ToList();
        Assert.InRange(expected.Count, 1, Ledger.Count(p => p.DepartmentId == "gjj") - 1);
        AssertFigures(expected, summary!);
    }

    [Fact]
    public async Task TheCsvIsUtf8WithABomAndOneMaskedRowPerEpisode()
    {
        using var admin = await TestAccounts.SignedInAsync(factory, "admin");

        using var response = await admin.GetAsync("/api/reports/episodes.csv?" + September);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("episode_id,conversation_id,channel,department,matter,outcome,started_at,ended_at,first_response_seconds", lines[0], StringComparison.Ordinal);
        Assert.Contains(",rating,", lines[0], StringComparison.Ordinal);
        Assert.Equal(Ledger.Count, lines.Length - 1);
        Assert.Equal(Ledger.Count(p => p.Outcome == EpisodeOutcome.HumanResolved), lines.Count(l => l.Contains(",humanResolved,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("我的电话", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(SyntheticMonth.Phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheXlsxIsASpreadsheetWithOneRowPerEpisode()
    {
        using var admin = await TestAccounts.SignedInAsync(factory, "admin");

        using var response = await admin.GetAsync("/api/reports/episodes.xlsx?" + September + "&department=crj");
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var zip = new ZipArchive(stream);
        using var sheet = new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open());
        var xml = await sheet.ReadToEndAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Ledger.Count(p => p.DepartmentId == "crj") + 1, xml.Split("<row").Length - 1);
        Assert.Contains("episode_id", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(SyntheticMonth.Phone, xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentWithoutTheSupervisorRoleIsRefused()
    {
        using var agent = await TestAccounts.SignedInAsync(factory, "gjj01");

        using var summary = await agent.GetAsync("/api/reports/summary?" + September);
        using var csv = await agent.GetAsync("/api/reports/episodes.csv?" + September);

        Assert.Equal(HttpStatusCode.Forbidden, summary.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
    }

    [Fact]
    public async Task NobodySignedInIsAskedToSignIn()
    {
        using var response = await factory.CreateClient().GetAsync("/api/reports/summary?" + September);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ASupervisorSeesOnlyTheirOwnDepartment()
    {
        using var supervisor = await TestAccounts.SignedInAsync(factory, "sup-gjj", "sup-gjj-password");

        var own = await supervisor.GetFromJsonAsync<ReportSummary>("/api/reports/summary?" + September);
        using var other = await supervisor.GetAsync("/api/reports/summary?" + September + "&department=rsj");
        using var csv = await supervisor.GetAsync("/api/reports/episodes.csv?" + September);
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

        AssertFigures(Ledger.Where(p => p.DepartmentId == "gjj").ToList(), own!);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(Ledger.Count(p => p.DepartmentId == "gjj"), rows.Count);
        Assert.All(rows, r => Assert.Equal("gjj", r.Split(',')[3]));
    }

    [Theory]
    [InlineData("from=2026-09-01", "to")]
    [InlineData("from=2026-9-1&to=2026-09-30", "from")]
    [InlineData("from=2026-09-30&to=2026-09-01", "to")]
    [InlineData("from=2026-09-01&to=2026-09-30&department=nowhere", "department")]
    [InlineData("from=2026-09-01&to=2026-09-30&channel=fax", "channel")]
    [InlineData("from=2026-09-01&to=2026-09-30&matter=gjj-retire-withdrawl", "matter")]
    public async Task ABadQueryIsExplained(string query, string field)
    {
        using var admin = await TestAccounts.SignedInAsync(factory, "admin");

        using var response = await admin.GetAsync("/api/reports/summary?" + query);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem!.Errors.ContainsKey(field), string.Join(", ", problem.Errors.Keys));
    }

    // The expectation, worked out from the scripted ledger rather than from the report's own rules.
    private static void AssertFigures(List<SyntheticMonth.Planned> planned, ReportSummary summary)
    {
        const int Promise = 60;
        int Count(EpisodeOutcome outcome) => planned.Count(p => p.Outcome == outcome);
        var responses = planned.Where(p => p.FirstResponseSeconds is not null).Select(p => p.FirstResponseSeconds!.Value).Order().ToList();
        var waits = planned.Where(p => p.WaitSeconds is not null).Select(p => p.WaitSeconds!.Value).Order().ToList();
        var rated = planned.Where(p => p.Rating is not null).ToList();
        var lateLeavers = planned.Count(p => p.HandedOver && p.FirstResponseSeconds is null && p.WaitSeconds >= Promise);
        var humanClosed = Count(EpisodeOutcome.HumanResolved) + Count(EpisodeOutcome.HumanNotResolved) + Count(EpisodeOutcome.Referred12345);

        Assert.True(planned.Count > 20, "the month should have enough episodes to mean something");
        Assert.Equal(planned.Count, summary.Consultations);
        foreach (var outcome in Enum.GetValues<EpisodeOutcome>())
        {
            Assert.Equal(Count(outcome), summary.Outcomes[ReportSummary.Key(outcome)]);
        }

        Assert.Equal(planned.Count, summary.Outcomes.Values.Sum());
        Assert.Equal((double)Count(EpisodeOutcome.ResolvedByBot) / planned.Count, summary.BotResolutionRate!.Value, 9);
        Assert.Equal((double)planned.Count(p => p.HandedOver) / planned.Count, summary.HandoffRate!.Value, 9);
        Assert.Equal((double)Count(EpisodeOutcome.HumanResolved) / humanClosed, summary.HumanResolutionRate!.Value, 9);
        Assert.Equal((double)Count(EpisodeOutcome.Abandoned) / planned.Count, summary.AbandonmentRate!.Value, 9);
        Assert.Equal(responses[(int)Math.Ceiling(0.5 * responses.Count) - 1], summary.FirstResponseMedianSeconds!.Value, 6);
        Assert.Equal(responses[(int)Math.Ceiling(0.9 * responses.Count) - 1], summary.FirstResponseP90Seconds!.Value, 6);
        Assert.Equal((double)responses.Count(s => s <= Promise) / (responses.Count + lateLeavers), summary.FirstResponseWithin60sShare!.Value, 9);
        Assert.Equal(waits[(int)Math.Ceiling(0.5 * waits.Count) - 1], summary.WaitMedianSeconds!.Value, 6);
        Assert.Equal(responses.Count, summary.FirstResponseHistogram.Sum());
        Assert.Equal(responses.Count(s => s <= 15), summary.FirstResponseHistogram[0]);
        Assert.Equal(rated.Count, summary.Rated);
        Assert.Equal((double)rated.Count(p => p.Rating != ServiceRating.Dissatisfied) / rated.Count, summary.SatisfactionRate!.Value, 9);
        Assert.Equal(rated.Count(p => p.Rating == ServiceRating.Dissatisfied), summary.BadRatings);
        Assert.Equal(30, summary.Daily.Count);
        Assert.Equal(planned.Count, summary.Daily.Sum(d => d.Outcomes.Values.Sum()));
        Assert.Equal(planned.GroupBy(p => p.DepartmentId).ToDictionary(g => g.Key, g => g.Count()), summary.Monthly.ToDictionary(m => m.DepartmentId, m => m.Consultations));
    }
}
