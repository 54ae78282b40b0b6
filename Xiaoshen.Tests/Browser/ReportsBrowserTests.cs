using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Reports;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// A supervisor opens the reports (issue 14, section 2), picks one department and last month, sees the charts drawn and
/// downloads the CSV. Screenshots go to the test output's <c>screenshots/</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(ITestOutputHelper output)
{
    // A wait for readiness, not a speed check: under a loaded CI machine the circuit, the month's projection and the
    // chart bundle took over 20 s (seen failing in two full runs and passing alone in 12 s).
    private const float Wait = 60_000;

    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task ASupervisorFiltersADepartmentForLastMonthSeesTheChartsAndDownloadsTheCsv()
    {
        await using var service = await ServiceProcess.StartAsync();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var month = new SyntheticMonth(lastMonth.Year, lastMonth.Month, perDay: 4);
        await using (var db = new SqliteXiaoshenDbContext(new DbContextOptionsBuilder<SqliteXiaoshenDbContext>().UseSqlite($"Data Source={service.DatabaseFile}").Options))
        {
            await month.SaveAsync(db);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumFactAttribute.LaunchArgs });
        await using var context = await browser.NewContextAsync(new() { Locale = "zh-CN", AcceptDownloads = true, ViewportSize = new() { Width = 1400, Height = 1800 } });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(service.BaseUrl + "/console/login");
            await page.FillAsync("#username", "admin");
            await page.FillAsync("#password", "xiaoshen-demo");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/console/login", StringComparison.Ordinal));
            // The menu offers the reports; they are opened by address: a click on the menu while the workbench's circuit
            // was still starting was lost once in .ci/run (the page stayed on the workbench for a minute).
            await Assertions.Expect(page.Locator("nav a[href='console/reports']")).ToHaveTextAsync("统计报表", new() { Timeout = Wait });
            await page.GotoAsync(service.BaseUrl + "/console/reports");
            await Assertions.Expect(page.Locator("#reports-page[data-live=true]")).ToBeVisibleAsync(new() { Timeout = Wait });

            await page.SelectOptionAsync("#report-department", "gjj");
            await page.ClickAsync("#report-last-month");
            var expected = month.Ledger.Count(p => p.DepartmentId == "gjj");
            var period = $"{month.First:yyyy-MM-dd} 至 {month.Last:yyyy-MM-dd}，共 {expected} 次咨询";
            await Assertions.Expect(page.Locator("#report-period-text")).ToHaveTextAsync(period, new() { Timeout = Wait });
            await Assertions.Expect(page.Locator("#figure-consultations")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // Each chart is a Chart.js chart with data, and its canvas has pixels drawn.
            foreach (var chart in new[] { "chart-daily", "chart-first-response", "chart-monthly" })
            {
                var drawn = await page.WaitForFunctionAsync(
                    """
                    id => {
                        const canvas = document.getElementById(id);
                        const chart = canvas && window.Chart && window.Chart.getChart(canvas);
                        if (!chart || chart.data.datasets.every(d => d.data.every(v => v === 0))) return false;
                        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
                        return false;
                    }
                    """, chart, new() { Timeout = Wait });
                Assert.True(await drawn.JsonValueAsync<bool>(), chart);
            }

            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-reports.png"), FullPage = true });

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report-csv"));
            var file = Path.Combine(service.Content.Root, "episodes.csv");
            await download.SaveAsAsync(file);
            var bytes = await File.ReadAllBytesAsync(file);
            var rows = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            Assert.StartsWith("episode_id,", rows[0], StringComparison.Ordinal);
            Assert.Equal(expected, rows.Length - 1);
            Assert.All(rows.Skip(1), r => Assert.Equal("gjj", r.Split(',')[3]));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            output.WriteLine($"service {service.State}\n{service.Log}");
            throw;
        }
    }
}
